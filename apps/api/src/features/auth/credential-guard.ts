import pLimit from 'p-limit';
import type { CountedAttempt, CredentialRateLimit } from './credential-rate-limit.js';
import { MAX_WAITING_PASSWORD_CHECKS, passwordChecksBusy } from './password-checks-busy.js';
import type { TokenVersions } from './token-versions.js';
import {
  createVerifiedCredentialsCache,
  type VerifiedCredentials,
  type VerifiedCredentialsCache,
} from './verified-credentials.js';

/** How long a right username and password is accepted again without hashing or counting. */
const VERIFIED_TTL_MS = 60_000;
/** Verified credentials kept at most (each a few hundred bytes). */
const VERIFIED_MAX_ENTRIES = 10_000;

/** A username and password as a client sent them (login, the password grant, Basic). */
export interface ClientCredentials {
  /** The client's IP (`req.ip`: X-Forwarded-For only behind TRUST_PROXY proxies). */
  ip: string;
  username: string;
  password: string;
}

/**
 * Every password check of the API, one rule for login, the OAuth2 password grant and HTTP Basic
 * (credential-rate-limit.ts counts, credential-limits.ts has the numbers):
 * - an attempt is counted before the password is hashed, and taken back when it is right;
 * - for HTTP Basic (`isRepeatable`: a script sends the password with every request), a right
 *   username and password is remembered for 60 s in this process (verified-credentials.ts) and
 *   accepted again without hashing or counting (a success all the same: it resets the pair's
 *   failures), provided the client is not refused by the limit (else a refused client could go on
 *   guessing against the cache) and the user's token version is unchanged (a password change
 *   raises it: this process forgets at once, every other instance within TOKEN_VERSION_CACHE_MS,
 *   ≤ 5 s; writes read the version afresh, as for Bearer tokens);
 * - for Basic, the same credentials from the same IP while a check of them is running share its
 *   outcome (and its one count), so a script's parallel first calls neither hash nor count N times;
 * - a login or a token request opens a session, so it is checked on its own: these checks run one
 *   at a time in this process (count, hash, record), which bounds how many sessions a storm of
 *   logins can open per second by the hashing thread's pace (passwords.ts runs it at low priority),
 *   and keeps a parallel burst of right passwords from being counted all at once, over the limit;
 * - past MAX_WAITING_PASSWORD_CHECKS waiting, a login or token request is refused at once with a
 *   503 and Retry-After (password-checks-busy.ts), before anything is counted.
 */
export interface CredentialGuard {
  /**
   * Whose credentials these are, or undefined when they are wrong (counted as a failure). Throws a
   * 429 AppError when the limit refuses the client, a 503 when too many checks are waiting. `isRepeatable`: credentials sent with every
   * request (Basic), which may be accepted from the cache of recent successes; a login or a token
   * request always hashes. `isWrite`: a cached success is checked against the token version read
   * afresh.
   */
  check(
    credentials: ClientCredentials,
    options?: { isRepeatable?: boolean; isWrite?: boolean },
  ): Promise<VerifiedCredentials | undefined>;
  /**
   * For a caller that checks a password itself (a password confirmation): counts the attempt, or
   * throws a 429 AppError; call `succeeded()` when the password was right, nothing when wrong.
   */
  countAttempt(ip: string, username: string): Promise<CountedAttempt>;
  /** Counts a registration from the IP; throws a 429 AppError over the limit. */
  countRegistration(ip: string): Promise<void>;
  /** Counts a request that emails an address (password reset); throws a 429 AppError over the limit. */
  countEmailRequest(ip: string, address: string): Promise<void>;
  /** Forgets the user's remembered credentials in this process: call it after a password change. */
  forgetUser(userId: string): void;
}

export interface CredentialGuardDeps {
  rateLimit: CredentialRateLimit;
  tokenVersions: Pick<TokenVersions, 'current' | 'fresh'>;
  /** Hashes and compares: the user the credentials belong to, or undefined. */
  verify: (username: string, password: string) => Promise<VerifiedCredentials | undefined>;
  /** Defaults to a 60 s, 10 000-entry cache. */
  cache?: VerifiedCredentialsCache;
}

export const createCredentialGuard = ({
  rateLimit,
  tokenVersions,
  verify,
  cache = createVerifiedCredentialsCache({
    ttlMs: VERIFIED_TTL_MS,
    maxEntries: VERIFIED_MAX_ENTRIES,
  }),
}: CredentialGuardDeps): CredentialGuard => {
  const running = new Map<string, Promise<VerifiedCredentials | undefined>>();
  const oneSessionCheckAtATime = pLimit(1);

  const countAndVerify = async (
    { ip, username, password }: ClientCredentials,
    key: string,
  ): Promise<VerifiedCredentials | undefined> => {
    const attempt = await rateLimit.countAttempt(ip, username);
    let verified: VerifiedCredentials | undefined;
    try {
      verified = await verify(username, password);
    } catch (error) {
      await attempt.abandoned().catch(() => undefined);
      throw error;
    }
    if (verified === undefined) return undefined;
    await attempt.succeeded();
    cache.remember(key, verified);
    return verified;
  };

  /** One check at a time per IP and credentials; the others wait for its outcome. */
  const checkOnce = (credentials: ClientCredentials, key: string) => {
    const flightKey = `${credentials.ip}/${key}`;
    const inFlight = running.get(flightKey);
    if (inFlight !== undefined) return inFlight;
    const check = countAndVerify(credentials, key).finally(() => running.delete(flightKey));
    running.set(flightKey, check);
    return check;
  };

  /** The remembered success, if the client may use it and the password has not changed since. */
  const rememberedFor = async (
    credentials: ClientCredentials,
    key: string,
    isWrite: boolean,
  ): Promise<VerifiedCredentials | undefined> => {
    const remembered = cache.get(key);
    if (remembered === undefined) return undefined;
    const userId = remembered.user.id;
    const [admitted, currentVersion] = await Promise.all([
      rateLimit.admitRemembered(credentials.ip, credentials.username),
      isWrite ? tokenVersions.fresh(userId) : tokenVersions.current(userId),
    ]);
    if (currentVersion !== remembered.tokenVersion) {
      cache.forget(key);
      return undefined;
    }
    await admitted.succeeded();
    return remembered;
  };

  return {
    async check(credentials, { isRepeatable = false, isWrite = false } = {}) {
      const key = cache.keyOf(credentials.username, credentials.password);
      const remembered = isRepeatable ? await rememberedFor(credentials, key, isWrite) : undefined;
      if (remembered !== undefined) return remembered;
      if (isRepeatable) return checkOnce(credentials, key);
      if (oneSessionCheckAtATime.pendingCount >= MAX_WAITING_PASSWORD_CHECKS) {
        throw passwordChecksBusy();
      }
      return oneSessionCheckAtATime(() => countAndVerify(credentials, key));
    },
    countAttempt: (ip, username) => rateLimit.countAttempt(ip, username),
    countRegistration: (ip) => rateLimit.countRegistration(ip),
    countEmailRequest: (ip, address) => rateLimit.countEmailRequest(ip, address),
    forgetUser(userId) {
      cache.forgetUser(userId);
    },
  };
};
