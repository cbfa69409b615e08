import { z } from 'zod';

/** What a `limit` outside 1-100, or not a whole number, is told. */
export const LIMIT_MESSAGE = 'Limit must be a whole number from 1 to 100';

/** Page size of list endpoints: 1-100, default 20. */
export const LimitSchema = z.coerce
  .number({ invalid_type_error: LIMIT_MESSAGE })
  .int(LIMIT_MESSAGE)
  .min(1, LIMIT_MESSAGE)
  .max(100, LIMIT_MESSAGE)
  .default(20)
  .describe('Page size, 1-100');

const CURSOR_MESSAGE = 'Cursor must be the next_cursor of a previous page';

/** An opaque keyset cursor: pass back `next_cursor` unchanged to get the next page. */
export const CursorSchema = z
  .string({ invalid_type_error: CURSOR_MESSAGE })
  .min(1, CURSOR_MESSAGE)
  .max(4096, CURSOR_MESSAGE)
  .describe('Opaque cursor from a previous page’s next_cursor');

/**
 * A page of results with the cursor of the page after it (`null` on the last page).
 *
 * @example
 * const BookPageSchema = pageOf(BookSchema);
 */
export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    items: z.array(item).max(100).describe('At most `limit` items'),
    next_cursor: z
      .string()
      .max(4096)
      .nullable()
      .describe('Cursor of the next page, or null on the last page'),
  });
