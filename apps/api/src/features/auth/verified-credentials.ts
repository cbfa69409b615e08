import { createHmac, randomBytes } from 'node:crypto';
import type { AuthUser } from './auth-user.js';

/** A username and password found right: whose they are, and the user's token version then. */
export interface VerifiedCredentials {
  user: AuthUser;
  /** `users.token_version` read with the password hash that matched; a password change raises it. */
  tokenVersion: number;
  /**
   * True when an admin had disabled the account: the password is right, but it may not log in (a
   * 403, not a 401). Disabling and enabling raise the token version, so a remembered entry never
   * outlives either.
   */
  isDisabled?: boolean;
}

/**
 * Credentials this process found right recently, so a script sending Basic credentials with every
 * request pays for one password hash, not one per request. Entries are found by an HMAC of the
 * username and password under a key made at start-up and never stored, so the cache holds no
 * password nor anything a password could be guessed from offline.
 */
export interface VerifiedCredentialsCache {
  /** The cache key of a username and password. */
  keyOf(username: string, password: string): string;
  /** The entry under `key`, if it was remembered less than the TTL ago. */
  get(key: string): VerifiedCredentials | undefined;
  remember(key: string, verified: VerifiedCredentials): void;
  forget(key: string): void;
  /** Forgets every entry of the user: their password changed or the account is gone. */
  forgetUser(userId: string): void;
}

interface Entry {
  verified: VerifiedCredentials;
  expiresAt: number;
}

export interface VerifiedCredentialsCacheOptions {
  ttlMs: number;
  /** Entries kept at most; the one remembered longest ago goes first. */
  maxEntries: number;
  now?: () => number;
}

export const createVerifiedCredentialsCache = ({
  ttlMs,
  maxEntries,
  now = Date.now,
}: VerifiedCredentialsCacheOptions): VerifiedCredentialsCache => {
  const hmacKey = randomBytes(32);
  const entries = new Map<string, Entry>();

  return {
    keyOf: (username, password) =>
      createHmac('sha256', hmacKey)
        .update(JSON.stringify([username, password]))
        .digest('base64url'),
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.verified;
    },
    remember(key, verified) {
      entries.delete(key);
      entries.set(key, { verified, expiresAt: now() + ttlMs });
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
    },
    forget(key) {
      entries.delete(key);
    },
    forgetUser(userId) {
      for (const [key, entry] of entries) {
        if (entry.verified.user.id === userId) entries.delete(key);
      }
    },
  };
};
