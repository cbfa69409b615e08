import type pg from 'pg';
import {
  RateLimiterCluster,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { AppError } from '../../errors/app-error.js';

const WINDOW_SECONDS = 60;
/** How long a cluster worker waits for the primary's counter before failing the request. */
const CLUSTER_TIMEOUT_MS = 3000;

/**
 * Counts credential attempts per client IP and per username, each allowed `limitPerMinute` in a
 * minute. On PostgreSQL the counters live in the `rate_limits` table, shared by every instance (with
 * an in-memory fallback if the database errors); on SQLite, in this process's memory. In a
 * `node:cluster` worker (API_WORKERS>1) the in-memory counters live in the primary instead, so every
 * worker of the machine counts together (the primary runs the RateLimiterClusterMaster).
 */
export interface CredentialRateLimit {
  /** Counts an attempt; throws a 429 AppError once the IP or the username is over the limit. */
  consume(ip: string, username?: string): Promise<void>;
  /** Throws a 429 AppError if the IP or the username is already over the limit; counts nothing. */
  assertNotBlocked(ip: string, username?: string): Promise<void>;
}

const keysFor = (ip: string, username?: string) =>
  username === undefined || username === ''
    ? [`ip:${ip}`]
    : [`ip:${ip}`, `user:${username.toLowerCase()}`];

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

const createLimiter = (
  limitPerMinute: number,
  postgresPool: pg.Pool | undefined,
  isClusterWorker: boolean,
): RateLimiterAbstract => {
  const options = { points: limitPerMinute, duration: WINDOW_SECONDS, keyPrefix: 'credentials' };
  if (postgresPool === undefined) return createMachineLimiter(options, isClusterWorker);
  return new RateLimiterPostgres({
    ...options,
    storeClient: postgresPool,
    tableName: 'rate_limits',
    tableCreated: true,
    clearExpiredByTimeout: false,
    insuranceLimiter: createMachineLimiter(options, isClusterWorker),
  });
};

export const createCredentialRateLimit = ({
  limitPerMinute,
  postgresPool,
  isClusterWorker = false,
}: {
  limitPerMinute: number;
  postgresPool?: pg.Pool | undefined;
  /** In a worker of Shelf's cluster: in-memory counters live in the primary. */
  isClusterWorker?: boolean;
}): CredentialRateLimit => {
  const limiter = createLimiter(limitPerMinute, postgresPool, isClusterWorker);
  return {
    async consume(ip, username) {
      for (const key of keysFor(ip, username)) {
        try {
          await limiter.consume(key);
        } catch (rejection) {
          if (rejection instanceof RateLimiterRes) throw tooManyAttempts(rejection.msBeforeNext);
          throw rejection;
        }
      }
    },
    async assertNotBlocked(ip, username) {
      for (const key of keysFor(ip, username)) {
        const state = await limiter.get(key);
        if (state !== null && state.consumedPoints >= limitPerMinute) {
          throw tooManyAttempts(state.msBeforeNext);
        }
      }
    },
  };
};
