import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { RoleSchema } from '@shelf/contracts';
import { systemClock, type Clock } from '../../clock.js';
import { MAX_ACCESS_TOKEN_TTL_SECONDS, type Config } from '../../config.js';
import type { AuthUser } from './auth-user.js';

const ALGORITHM = 'HS256';
const ACCESS_TOKEN_TYPE = 'access';

/**
 * jsonwebtoken checks `exp` only when a token has one, so a token without `exp` (or `iat`) would
 * never expire: both are required here, and no token may claim a lifetime longer than the longest
 * ACCESS_TOKEN_TTL allows.
 */
const ClaimsSchema = z
  .object({
    sub: z.string().uuid(),
    typ: z.literal(ACCESS_TOKEN_TYPE),
    username: z.string(),
    role: RoleSchema,
    token_version: z.number().int().min(0),
    iat: z.number().int(),
    exp: z.number().int(),
  })
  .refine((claims) => claims.exp - claims.iat <= MAX_ACCESS_TOKEN_TTL_SECONDS);

/** What a valid access token says: who it was issued to, and the user's token version then. */
export interface VerifiedAccessToken {
  user: AuthUser;
  /** `users.token_version` when the token was issued; a password change raises it. */
  tokenVersion: number;
}

/** Signs and verifies access tokens (JWT, HS256 only). */
export interface AccessTokens {
  /** A token for `user` that carries their current `tokenVersion`. */
  sign(user: AuthUser, tokenVersion: number): string;
  /**
   * The token's user and version, or undefined for a bad, tampered or expired token, or one without
   * `exp` and `iat` or with too long a lifetime. Whether the version is still current is the
   * caller's check (token-versions.ts).
   */
  verify(token: string): VerifiedAccessToken | undefined;
}

/**
 * Tokens whose signature and claims were verified, kept until they expire: a client sends the same
 * token with every request for its whole lifetime, and checking the HMAC and claims again took 7% of
 * a list request's CPU in a profile (`node --cpu-prof` under `wrk`). Only tokens that passed are kept, so forged or garbage tokens
 * cannot fill it; expiry is still checked on every use. Revocation is not this cache's concern: the
 * caller compares the token version (token-versions.ts) on every request.
 */
const VERIFIED_TOKENS_KEPT = 10_000;

interface VerifiedEntry {
  verified: VerifiedAccessToken;
  /** The token's `exp`, in seconds since the epoch. */
  expiresAt: number;
}

/**
 * The secret becomes a KeyObject once: jsonwebtoken re-derives a key from a string secret on every
 * call, which costs about 60 times more than the HMAC itself. `iat`, `exp` and their check follow
 * `clock`, not jsonwebtoken's own `Date.now()`.
 */
export const createAccessTokens = (config: Config, clock: Clock = systemClock): AccessTokens => {
  const nowSeconds = () => Math.floor(clock.now() / 1000);
  const key: KeyObject = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
  const { issuer, audience } = config.jwt;
  const verifiedTokens = new LRUCache<string, VerifiedEntry>({ max: VERIFIED_TOKENS_KEPT });
  return {
    sign: (user, tokenVersion) =>
      jwt.sign(
        {
          typ: ACCESS_TOKEN_TYPE,
          username: user.username,
          role: user.role,
          token_version: tokenVersion,
          iat: nowSeconds(),
        },
        key,
        {
          algorithm: ALGORITHM,
          subject: user.id,
          issuer,
          audience,
          expiresIn: config.accessTokenTtlSeconds,
        },
      ),
    verify: (token) => {
      const now = nowSeconds();
      const known = verifiedTokens.get(token);
      if (known !== undefined) {
        if (now < known.expiresAt) return known.verified;
        verifiedTokens.delete(token);
        return undefined;
      }
      try {
        const payload = jwt.verify(token, key, {
          algorithms: [ALGORITHM],
          issuer,
          audience,
          clockTimestamp: now,
        });
        const claims = ClaimsSchema.safeParse(payload);
        if (!claims.success) return undefined;
        const { sub, username, role, token_version, exp } = claims.data;
        // Frozen: every later request with this token gets this same object.
        const verified: VerifiedAccessToken = Object.freeze({
          user: Object.freeze({ id: sub, username, role }),
          tokenVersion: token_version,
        });
        verifiedTokens.set(token, { verified, expiresAt: exp });
        return verified;
      } catch {
        return undefined;
      }
    },
  };
};
