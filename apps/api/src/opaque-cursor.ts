import type { z } from 'zod';
import { badRequest } from './errors/app-error.js';

/** A page position as clients carry it: base64url JSON, opaque to them. */
export const encodeOpaqueCursor = (payload: unknown): string =>
  Buffer.from(JSON.stringify(payload)).toString('base64url');

/**
 * The payload of a cursor made by encodeOpaqueCursor, checked against `schema`; anything else
 * (edited, truncated, from another list) is a 400 invalid-cursor, never a wrong page.
 */
export const decodeOpaqueCursor = <Schema extends z.ZodTypeAny>(
  cursor: string,
  schema: Schema,
): z.infer<Schema> => {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw invalidCursor();
  return parsed.data as z.infer<Schema>;
};

/** The 400 for a cursor this list did not produce. */
export const invalidCursor = () =>
  badRequest('invalid-cursor', 'The cursor is invalid; start again without it', {
    errors: [{ path: 'query.cursor', message: 'is not a cursor this list produced' }],
  });
