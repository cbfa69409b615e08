import { QueryClient } from '@tanstack/react-query';
import { isNetworkError } from './network-error.js';

/** Tries after the first failure: the SDK's own quick retries come first, these add patience. */
const MAX_QUERY_RETRIES = 4;

/** 1 s, 2 s, 4 s, 8 s: long enough for a flaky connection or a restarting API to come back. */
export const queryRetryDelay = (attempt: number): number => Math.min(1000 * 2 ** attempt, 8000);

/**
 * The app's query cache. An API error (4xx) will not change on retry; a network failure is retried
 * with backoff while the page says so and offers to retry at once.
 */
export const createQueryClient = (): QueryClient =>
  new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failureCount, error) => isNetworkError(error) && failureCount < MAX_QUERY_RETRIES,
        retryDelay: queryRetryDelay,
      },
    },
  });
