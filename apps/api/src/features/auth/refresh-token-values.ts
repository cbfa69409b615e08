import { createHash, randomBytes } from 'node:crypto';

/** A new opaque refresh token: 256 random bits, URL-safe. */
export const generateRefreshToken = (): string => randomBytes(32).toString('base64url');

/**
 * What the database stores instead of the token. A fast hash is right here: the token has 256 bits
 * of entropy, so there is nothing to brute-force, and lookups stay an index hit.
 */
export const hashRefreshToken = (token: string): string =>
  createHash('sha256').update(token).digest('base64url');
