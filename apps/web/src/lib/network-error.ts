import { ShelfApiError } from '@shelf/client';

/** The words shown whenever the API cannot be reached. */
export const NETWORK_ERROR_TEXT = 'Can’t reach Shelf. Check your connection and try again.';

/** True for a failure to reach the API at all (no HTTP answer), as opposed to an API error. */
export const isNetworkError = (error: unknown): boolean => !(error instanceof ShelfApiError);
