import { z } from 'zod';
import { UsernameSchema } from '@shelf/contracts';
import { decodeOpaqueCursor, encodeOpaqueCursor } from '../../opaque-cursor.js';

const CursorPayloadSchema = z.object({ u: UsernameSchema }).strict();

/** The cursor of the page after the one ending with `username`; opaque to clients (base64url JSON). */
export const encodeUserCursor = (username: string): string => encodeOpaqueCursor({ u: username });

/**
 * The username a cursor made by encodeUserCursor continues after; anything else (edited, truncated,
 * from another list) is a 400 invalid-cursor, never a wrong page.
 */
export const decodeUserCursor = (cursor: string): string =>
  decodeOpaqueCursor(cursor, CursorPayloadSchema).u;
