import { z } from 'zod';
import { UsernameSchema } from '@shelf/contracts';
import { badRequest } from '../../errors/app-error.js';

const CursorPayloadSchema = z.object({ u: UsernameSchema }).strict();

/** The cursor of the page after the one ending with `username`; opaque to clients (base64url JSON). */
export const encodeUserCursor = (username: string): string =>
  Buffer.from(JSON.stringify({ u: username })).toString('base64url');

/**
 * The username a cursor made by encodeUserCursor continues after; anything else (edited, truncated,
 * from another list) is a 400 invalid-cursor, never a wrong page.
 */
export const decodeUserCursor = (cursor: string): string => {
  const invalid = badRequest('invalid-cursor', 'The cursor is invalid; start again without it', {
    errors: [{ path: 'query.cursor', message: 'is not a cursor this list produced' }],
  });
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const parsed = CursorPayloadSchema.safeParse(payload);
  if (!parsed.success) throw invalid;
  return parsed.data.u;
};
