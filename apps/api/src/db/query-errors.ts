/**
 * Why the database cannot serve a query right now: `busy` (a lock, a timeout, a full queue: it
 * frees up within a second or so) or `unavailable` (the connection failed or the server is gone).
 */
export type DatabaseOutage = 'busy' | 'unavailable';

/** Socket errors of a connection that could not be made or was cut. */
const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that ended or refused the session: 57P01 admin_shutdown (also what
 * pg_terminate_backend sends), 57P02 crash_shutdown, 57P03 cannot_connect_now; class 08 is
 * connection_exception.
 */
const isSessionEnded = (code: string) =>
  code === '57P01' || code === '57P02' || code === '57P03' || code.startsWith('08');

/** What node-postgres throws, without a code, when a connection drops or cannot be made in time. */
const LOST_CONNECTION_MESSAGES =
  /^Connection terminated|timeout exceeded when trying to connect|is not queryable/;

/** The outage a driver error reports (SQLite or PostgreSQL), or undefined for any other error. */
export const databaseOutageOf = (error: unknown): DatabaseOutage | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  // 57014: a statement ran past statement_timeout; 53300: too_many_connections.
  if (code.startsWith('SQLITE_BUSY') || code === '57014' || code === '53300') return 'busy';
  if (SOCKET_ERRORS.has(code) || isSessionEnded(code)) return 'unavailable';
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  return LOST_CONNECTION_MESSAGES.test(message) ? 'unavailable' : undefined;
};
