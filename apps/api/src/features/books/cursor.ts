import { z } from 'zod';
import { BookSortSchema, type BookSort } from '@shelf/contracts';
import { badRequest } from '../../errors/app-error.js';
import { decodeOpaqueCursor, encodeOpaqueCursor, invalidCursor } from '../../opaque-cursor.js';
import type { KeysetPosition } from './keyset-position.js';

/**
 * A title key is the folded title: up to 200 characters, which NFKC can triple (`ﬃ` → `ffi`). Years
 * sort from the missing-year key up to far past any real year.
 */
const TitleKeySchema = z
  .string()
  .max(600)
  .regex(/^[^\p{Cc}]*$/u);
const YearKeySchema = z.number().int().min(-1_000_000).max(1_000_000);
const InstantKeySchema = z.string().datetime();

const CursorPayloadSchema = z.object({
  s: BookSortSchema,
  k: z.union([z.string().max(600), z.number().int()]),
  i: z.string().uuid(),
});

/** The key a cursor for `sort` must carry: anything else would reach the database as a bad value. */
const keySchemaFor = (sort: BookSort) =>
  sort.endsWith('published_year')
    ? YearKeySchema
    : sort.endsWith('title')
      ? TitleKeySchema
      : InstantKeySchema;

/** Encodes the position after which the next page starts; opaque to clients. */
export const encodeCursor = (sort: BookSort, position: KeysetPosition): string =>
  encodeOpaqueCursor({ s: sort, k: position.key, i: position.id });

/**
 * Decodes a cursor made by encodeCursor for the same sort; anything else (edited, truncated, from
 * another sort order) is a 400, never a wrong page.
 */
export const decodeCursor = (cursor: string, sort: BookSort): KeysetPosition => {
  const payload = decodeOpaqueCursor(cursor, CursorPayloadSchema);
  if (payload.s === sort && !keySchemaFor(sort).safeParse(payload.k).success) {
    throw invalidCursor();
  }
  if (payload.s !== sort) {
    throw badRequest('cursor-sort-mismatch', 'The cursor was made for another sort order', {
      errors: [{ path: 'query.cursor', message: `was made for sort=${payload.s}` }],
    });
  }
  return { key: payload.k, id: payload.i };
};
