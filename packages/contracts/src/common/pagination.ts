import { z } from 'zod';

/** Page size of list endpoints: 1-100, default 20. */
export const LimitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(20)
  .describe('Page size, 1-100');

/** An opaque keyset cursor: pass back `next_cursor` unchanged to get the next page. */
export const CursorSchema = z
  .string()
  .min(1)
  .max(4096)
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
