import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.js';
import { decodeUserCursor, encodeUserCursor } from './users-cursor.js';

const refusal = (cursor: string): unknown => {
  try {
    decodeUserCursor(cursor);
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('user list cursors', () => {
  it('round-trip a username through opaque base64url', () => {
    const cursor = encodeUserCursor('alice.b_2');
    expect(cursor).toMatch(/^[\w-]+$/);
    expect(cursor).not.toContain('alice');
    expect(decodeUserCursor(cursor)).toBe('alice.b_2');
  });

  it('refuse anything this list did not produce with a 400 invalid-cursor', () => {
    const base64 = (text: string) => Buffer.from(text).toString('base64url');
    for (const cursor of [
      'not a cursor',
      base64('not json'),
      base64('"alice"'),
      base64('{"u":"Alice"}'),
      base64('{"u":"alice","x":1}'),
      base64('{"u":"al"}'),
      base64(`{"u":"${'a'.repeat(33)}"}`),
    ]) {
      const error = refusal(cursor);
      expect(error, cursor).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'invalid-cursor', status: 400 });
    }
  });
});
