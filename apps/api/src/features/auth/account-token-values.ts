import { createHash, randomBytes } from 'node:crypto';

/** A new emailed token: 256 random bits, URL-safe, so it fits a link's fragment as it is. */
export const generateAccountToken = (): string => randomBytes(32).toString('base64url');

/**
 * What the database stores instead of the token. A fast hash is right here: the token has 256 bits
 * of entropy, so there is nothing to brute-force, and a lookup stays an index hit.
 */
export const hashAccountToken = (token: string): string =>
  createHash('sha256').update(token).digest('base64url');
