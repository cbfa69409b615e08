/**
 * How failed requests are retried: network errors, and 5xx on idempotent methods.
 *
 * @example
 * createShelfClient({ baseUrl, retry: { retries: 5, maxDelayMs: 5000 } });
 */
export interface RetryOptions {
  /** Extra attempts after the first (default 2). */
  retries: number;
  /** First delay; each retry doubles it, with full jitter (default 200 ms). */
  baseDelayMs: number;
  /** Ceiling of a single delay (default 2000 ms). */
  maxDelayMs: number;
  /**
   * Retry POST and PATCH too. Off by default: they may not be safe to repeat. A POST that carries an
   * `Idempotency-Key` is retried regardless (the server replays its first answer).
   */
  retryNonIdempotent: boolean;
}

export const DEFAULT_RETRY: RetryOptions = {
  retries: 2,
  baseDelayMs: 200,
  maxDelayMs: 2000,
  retryNonIdempotent: false,
};

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

const hasHeader = (headers: HeadersInit | undefined, name: string): boolean =>
  headers !== undefined && new Headers(headers).has(name);

/**
 * Whether a request may be sent again after a network failure or a 5xx. Never a conditional write
 * (`If-Match`): if the first attempt's answer was lost, the retry would meet its own change as a
 * 412. Always a request with an `Idempotency-Key`. Otherwise idempotent methods, or any method when
 * `retryNonIdempotent` is set.
 */
export const mayRetry = (init: RequestInit | undefined, options: RetryOptions): boolean => {
  if (hasHeader(init?.headers, 'if-match')) return false;
  if (hasHeader(init?.headers, 'idempotency-key')) return true;
  const method = (init?.method ?? 'GET').toUpperCase();
  return options.retryNonIdempotent || IDEMPOTENT_METHODS.has(method);
};

/** Full-jitter exponential backoff: a random delay in [0, min(max, base * 2^attempt)). */
export const backoffDelay = (
  attempt: number,
  options: RetryOptions,
  random = Math.random,
): number =>
  Math.floor(random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt));

const sleep = (ms: number, signal?: AbortSignal | null) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    });
  });

/**
 * Wraps fetch so that network failures and 5xx answers are retried with bounded exponential backoff,
 * for the requests `mayRetry` allows. An aborted request is never retried.
 */
export const withRetry =
  (fetchImpl: typeof fetch, options: RetryOptions): typeof fetch =>
  async (input, init) => {
    const isRetryable = mayRetry(init, options);
    for (let attempt = 0; ; attempt++) {
      const isLastAttempt = !isRetryable || attempt >= options.retries;
      try {
        const response = await fetchImpl(input, init);
        if (response.status < 500 || isLastAttempt) return response;
        await response.body?.cancel();
      } catch (error) {
        if (isLastAttempt || init?.signal?.aborted === true) throw error;
      }
      await sleep(backoffDelay(attempt, options), init?.signal);
    }
  };
