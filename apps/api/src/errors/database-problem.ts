import { databaseOutageOf } from '../db/query-errors.js';
import { ReadQueueFullError } from '../db/offloaded-reads.js';
import { AppError } from './app-error.js';

/** A lock or a queue clears within a second or so. */
const BUSY_RETRY_AFTER_SECONDS = 1;
/** The pool reconnects on the next request, so a client may as well come back soon. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * The 503 for an error that says the database cannot serve now, with `Retry-After`:
 * `database-busy` (SQLITE_BUSY, a PostgreSQL statement timeout or too many connections, a full
 * search queue) or `database-unavailable` (a refused, cut or terminated connection); undefined for
 * any other error.
 */
export const databaseProblem = (error: unknown): AppError | undefined => {
  const outage = error instanceof ReadQueueFullError ? 'busy' : databaseOutageOf(error);
  switch (outage) {
    case 'busy':
      return new AppError('database-busy', 'The database is busy; try again shortly', 503, {
        headers: { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) },
        cause: error,
      });
    case 'unavailable':
      return new AppError(
        'database-unavailable',
        'The database is unavailable; try again shortly',
        503,
        { headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) }, cause: error },
      );
    case undefined:
      return undefined;
  }
};
