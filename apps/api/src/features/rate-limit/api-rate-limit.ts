import {
  RateLimiterCluster,
  RateLimiterMemory,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

const WINDOW_SECONDS = 60;
/** How long a cluster worker waits for the primary's counter before counting on its own. */
const CLUSTER_TIMEOUT_MS = 1000;
const KEY_PREFIX = 'api-requests';

/** Where a key stands in its window after one more request, as the RateLimit-* headers say it. */
export interface RateLimitState {
  /** Requests a window allows (RateLimit-Limit). */
  limit: number;
  /** Requests left in this window (RateLimit-Remaining). */
  remaining: number;
  /** Seconds until the window ends and the count starts again (RateLimit-Reset), at least 1. */
  resetSeconds: number;
  /** This request is over the limit and must be refused (429). */
  isExceeded: boolean;
}

/**
 * The general API rate limit (OWASP API4): API_RATE_LIMIT requests a minute per key, in fixed
 * one-minute windows that start with a key's first request. Counters live in memory: in a single
 * process, its own; in a worker of Shelf's cluster (API_WORKERS>1), the primary's, so the workers of
 * a machine count together. Instances on other machines count apart (an approximate limit).
 */
export interface ApiRateLimit {
  /** Counts one request for `key` (`user:<id>` or `ip:<address>`) and says where it stands. */
  count(key: string): Promise<RateLimitState>;
}

const stateOf = (limit: number, counted: RateLimiterRes): RateLimitState => ({
  limit,
  remaining: Math.max(0, limit - counted.consumedPoints),
  resetSeconds: Math.max(1, Math.ceil(counted.msBeforeNext / 1000)),
  isExceeded: counted.consumedPoints > limit,
});

/** A refusal is only a count over the limit here; anything else (a timeout) is thrown. */
const consume = async (limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes> => {
  try {
    return await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return rejection;
    throw rejection;
  }
};

/**
 * The counter for API_RATE_LIMIT = `limitPerMinute`, or undefined when it is 0 (no limit). A
 * cluster worker whose primary does not answer within a second counts in its own memory instead
 * (and reports it), so a stuck primary slows requests down but never fails them.
 */
export const createApiRateLimit = ({
  limitPerMinute,
  isClusterWorker,
  onSharedCountFailed,
}: {
  limitPerMinute: number;
  isClusterWorker: boolean;
  /** Told when the primary's counter failed and this worker counted the request itself. */
  onSharedCountFailed: (error: unknown) => void;
}): ApiRateLimit | undefined => {
  if (limitPerMinute === 0) return undefined;
  const options = { points: limitPerMinute, duration: WINDOW_SECONDS, keyPrefix: KEY_PREFIX };
  const local = new RateLimiterMemory(options);
  if (!isClusterWorker) {
    return { count: async (key) => stateOf(limitPerMinute, await consume(local, key)) };
  }
  const shared = new RateLimiterCluster({ ...options, timeoutMs: CLUSTER_TIMEOUT_MS });
  return {
    count: async (key) =>
      stateOf(
        limitPerMinute,
        await consume(shared, key).catch((error: unknown) => {
          onSharedCountFailed(error);
          return consume(local, key);
        }),
      ),
  };
};
