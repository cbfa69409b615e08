import type pg from 'pg';
import {
  RateLimiterCluster,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { AppError } from '../../errors/app-error.js';
import {
  credentialLimitsFor,
  retryAfterMs,
  type AttemptCounts,
  type WindowCount,
} from './credential-limits.js';
import { clientAddressKey } from '../rate-limit/client-address.js';

const WINDOW_SECONDS = 60;
/** How long a cluster worker waits for the primary's counter before failing the request. */
const CLUSTER_TIMEOUT_MS = 3000;

/** A password attempt the limit let through. */
export interface CountedAttempt {
  /**
   * The password was right: takes the attempt back (if it was counted) and clears the (username,
   * IP) pair's failures. A wrong password needs no call: the attempt stays counted.
   */
  succeeded(): Promise<void>;
  /**
   * The password could not be checked (the database failed): takes the attempt back, so an outage
   * never uses up a client's budget. Nothing else changes.
   */
  abandoned(): Promise<void>;
}

/**
 * The credential limit, rate-limiter-flexible's login-protection pattern (numbers in
 * credential-limits.ts): every password attempt is counted, atomically, before the password is
 * checked, per IP, per (username, IP) and per username; a success takes its attempt back and resets
 * its (username, IP) pair. So a concurrent burst gets no more evaluations than the limit, successes
 * never count, and failures from other IPs never lock out a client that has not failed itself.
 *
 * On PostgreSQL the counters live in the `rate_limits` table, shared by every instance (with an
 * in-memory fallback if the database errors); on SQLite, in this process's memory. In a
 * `node:cluster` worker (API_WORKERS>1) the in-memory counters live in the primary instead, so every
 * worker of the machine counts together (the primary runs the RateLimiterClusterMaster).
 */
export interface CredentialRateLimit {
  /** Counts a password attempt; throws a 429 AppError, and the password must not be checked, when refused. */
  countAttempt(ip: string, username: string): Promise<CountedAttempt>;
  /**
   * For credentials already found right (a remembered success), which a refused client must not get
   * to use either: throws the 429 AppError countAttempt would, counting nothing.
   */
  admitRemembered(ip: string, username: string): Promise<CountedAttempt>;
  /** Counts a registration from the IP (never taken back); throws a 429 AppError over the limit. */
  countRegistration(ip: string): Promise<void>;
  /**
   * Counts a request that emails an address (a password reset), never taken back: per client IP
   * with the failed password attempts, and per address as a (username, IP) pair is limited. Throws
   * a 429 AppError over either limit, whether or not an account uses the address.
   */
  countEmailRequest(ip: string, address: string): Promise<void>;
}

const tooManyAttempts = (msBeforeNext: number) =>
  new AppError('too-many-attempts', 'Too many attempts; try again later', 429, {
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(msBeforeNext / 1000))) },
  });

interface LimiterOptions {
  points: number;
  duration: number;
  keyPrefix: string;
}

const createMachineLimiter = (
  options: LimiterOptions,
  isClusterWorker: boolean,
): RateLimiterAbstract =>
  isClusterWorker
    ? new RateLimiterCluster({ ...options, timeoutMs: CLUSTER_TIMEOUT_MS })
    : new RateLimiterMemory(options);

interface Stores {
  postgresPool: pg.Pool | undefined;
  isClusterWorker: boolean;
}

/** One counter per key, with `points` allowed per window; the key prefix names it in `rate_limits`. */
const createLimiter = (keyPrefix: string, points: number, stores: Stores): RateLimiterAbstract => {
  const options = { points, duration: WINDOW_SECONDS, keyPrefix };
  if (stores.postgresPool === undefined) {
    return createMachineLimiter(options, stores.isClusterWorker);
  }
  return new RateLimiterPostgres({
    ...options,
    storeClient: stores.postgresPool,
    tableName: 'rate_limits',
    tableCreated: true,
    clearExpiredByTimeout: false,
    insuranceLimiter: createMachineLimiter(options, stores.isClusterWorker),
  });
};

/** Counts one point; a refusal is only a count over the limit here, judged by credential-limits.ts. */
const consume = async (limiter: RateLimiterAbstract, key: string): Promise<WindowCount> => {
  try {
    const counted = await limiter.consume(key);
    return { points: counted.consumedPoints, msBeforeNext: counted.msBeforeNext };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return { points: rejection.consumedPoints, msBeforeNext: rejection.msBeforeNext };
  }
};

/** The count one more point would make, counting nothing. */
const peek = async (limiter: RateLimiterAbstract, key: string): Promise<WindowCount> => {
  const state = await limiter.get(key);
  return {
    points: (state?.consumedPoints ?? 0) + 1,
    msBeforeNext: state?.msBeforeNext ?? WINDOW_SECONDS * 1000,
  };
};

/**
 * The keys of an attempt. Usernames are compared case-insensitively; the IP comes first and never
 * contains `/`, so no (username, IP) pair can spell another's key.
 */
const keysOf = (ip: string, username: string) => {
  const name = username.toLowerCase();
  const client = clientAddressKey(ip);
  return { ip: client, usernameAndIp: `${client}/${name}`, username: name };
};

export const createCredentialRateLimit = ({
  limitPerMinute,
  postgresPool,
  isClusterWorker = false,
}: {
  /** LOGIN_RATE_LIMIT: the other limits derive from it (credential-limits.ts). */
  limitPerMinute: number;
  postgresPool?: pg.Pool | undefined;
  /** In a worker of Shelf's cluster: in-memory counters live in the primary. */
  isClusterWorker?: boolean;
}): CredentialRateLimit => {
  const limits = credentialLimitsFor(limitPerMinute);
  const stores = { postgresPool, isClusterWorker };
  const limiters = {
    ip: createLimiter('password-fails-ip', limits.perIp, stores),
    usernameAndIp: createLimiter('password-fails-user-ip', limits.perUsernameAndIp, stores),
    username: createLimiter('password-tries-user', limits.usernameBrake, stores),
  };
  const registrations = createLimiter('registrations-ip', limits.registrationsPerIp, stores);
  const emailRequests = createLimiter('email-requests-address', limits.perUsernameAndIp, stores);

  const countWith = async (
    count: (limiter: RateLimiterAbstract, key: string) => Promise<WindowCount>,
    ip: string,
    username: string,
  ): Promise<AttemptCounts> => {
    const keys = keysOf(ip, username);
    const [ipCount, usernameAndIpCount, usernameCount] = await Promise.all([
      count(limiters.ip, keys.ip),
      count(limiters.usernameAndIp, keys.usernameAndIp),
      count(limiters.username, keys.username),
    ]);
    return { ip: ipCount, usernameAndIp: usernameAndIpCount, username: usernameCount };
  };

  const refuseIfOver = (counts: AttemptCounts) => {
    const waitMs = retryAfterMs(limits, counts);
    if (waitMs !== undefined) throw tooManyAttempts(waitMs);
  };

  return {
    async countAttempt(ip, username) {
      const countedAt = Date.now();
      const counts = await countWith(consume, ip, username);
      const keys = keysOf(ip, username);
      /** A point counted in a window that has ended since is gone: giving it back would add one. */
      const refund = (limiter: RateLimiterAbstract, key: string, count: WindowCount) =>
        Date.now() - countedAt < count.msBeforeNext ? limiter.reward(key) : undefined;
      const waitMs = retryAfterMs(limits, counts);
      if (waitMs !== undefined) {
        // A refused attempt stays counted for its own IP and pair, keeping their windows full; it
        // costs no hash, so it must not feed the username's brake, which one IP could then engage.
        await refund(limiters.username, keys.username, counts.username);
        throw tooManyAttempts(waitMs);
      }
      return {
        async succeeded() {
          await Promise.all([
            refund(limiters.ip, keys.ip, counts.ip),
            limiters.usernameAndIp.delete(keys.usernameAndIp),
            refund(limiters.username, keys.username, counts.username),
          ]);
        },
        async abandoned() {
          await Promise.all([
            refund(limiters.ip, keys.ip, counts.ip),
            refund(limiters.usernameAndIp, keys.usernameAndIp, counts.usernameAndIp),
            refund(limiters.username, keys.username, counts.username),
          ]);
        },
      };
    },
    async admitRemembered(ip, username) {
      const counts = await countWith(peek, ip, username);
      refuseIfOver(counts);
      const hasFailures = counts.usernameAndIp.points > 1;
      return {
        async succeeded() {
          if (hasFailures) await limiters.usernameAndIp.delete(keysOf(ip, username).usernameAndIp);
        },
        abandoned: () => Promise.resolve(),
      };
    },
    async countRegistration(ip) {
      const count = await consume(registrations, clientAddressKey(ip));
      if (count.points > limits.registrationsPerIp) throw tooManyAttempts(count.msBeforeNext);
    },
    async countEmailRequest(ip, address) {
      const [ipCount, addressCount] = await Promise.all([
        consume(limiters.ip, clientAddressKey(ip)),
        consume(emailRequests, address.toLowerCase()),
      ]);
      const waits: number[] = [];
      if (ipCount.points > limits.perIp) waits.push(ipCount.msBeforeNext);
      if (addressCount.points > limits.perUsernameAndIp) waits.push(addressCount.msBeforeNext);
      if (waits.length > 0) throw tooManyAttempts(Math.max(...waits));
    },
  };
};
