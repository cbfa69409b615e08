import { isNetworkError, NETWORK_ERROR_TEXT } from '../lib/network-error.js';

interface QueryErrorProps {
  error: Error | null;
  failureCount: number;
  isFetching: boolean;
  onRetry: () => void;
}

/**
 * What a failed or failing load says: while the API cannot be reached and retries continue, that it
 * is retrying; once they stop, the error. Either way a Retry button tries again at once.
 */
export const QueryError = ({ error, failureCount, isFetching, onRetry }: QueryErrorProps) => {
  const isRetrying = isFetching && failureCount > 0;
  if (!isRetrying && error === null) return null;
  const text =
    error === null || isNetworkError(error)
      ? isRetrying
        ? 'Can’t reach Shelf. Retrying…'
        : NETWORK_ERROR_TEXT
      : error.message;
  return (
    <div className="alert alert-error" role="alert">
      <p>{text}</p>
      <button type="button" className="secondary" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
};
