import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether an Authorization header carries `Bearer <token>`. Both sides are hashed to the same length
 * and compared with timingSafeEqual, so the time taken says nothing about the token.
 */
export const bearerTokenMatcher = (token: string): ((authorization: string) => boolean) => {
  const expected = digest(token);
  return (authorization) => {
    const [scheme = '', credentials = ''] = authorization.trim().split(/\s+/, 2);
    return scheme.toLowerCase() === 'bearer' && timingSafeEqual(digest(credentials), expected);
  };
};
