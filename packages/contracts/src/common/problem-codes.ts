/**
 * Every problem `code` this version of Shelf sends, so a client can `switch` on it. Grouped by
 * where they arise; each is the last segment of the problem's `type` (`urn:shelf:problem:<code>`).
 */
export const KNOWN_PROBLEM_CODES = [
  // Reading the request
  'validation-failed',
  'malformed-body',
  'body-too-large',
  'unsupported-encoding',
  'unsupported-media-type',
  'request-aborted',
  'bad-request',
  'route-not-found',
  'method-not-allowed',
  // Credentials and accounts
  'unauthenticated',
  'invalid-token',
  'invalid-credentials',
  'invalid-grant',
  'invalid-refresh-token',
  'missing-refresh-token',
  'registration-disabled',
  'username-taken',
  'user-not-found',
  'last-admin',
  'account-disabled',
  'admin-required',
  'email-taken',
  'invalid-reset-token',
  'invalid-email-token',
  // Limits
  'too-many-requests',
  'too-many-attempts',
  // Books
  'book-not-found',
  'not-book-owner',
  'isbn-taken',
  'precondition-failed',
  'invalid-cursor',
  'cursor-sort-mismatch',
  'idempotency-key-reused',
  'idempotency-key-in-progress',
  // The server itself
  'database-busy',
  'database-unavailable',
  'metrics-unavailable',
  'email-unavailable',
  'password-checks-busy',
  'internal-error',
] as const;

/** A problem code this version of Shelf sends. */
export type KnownProblemCode = (typeof KNOWN_PROBLEM_CODES)[number];

/**
 * The `code` of a problem as a client receives it: one of the known codes, or one a newer server
 * added, which an older client must still accept (hence `string & {}`, which keeps autocompletion).
 *
 * @example
 * switch (problem.code) {
 *   case 'isbn-taken': return showIsbnTaken();
 *   case 'book-not-found': return showNotFound();
 *   default: return showDetail(problem.detail);
 * }
 */
export type ProblemCode = KnownProblemCode | (string & {});

/** True when `code` is one this version of Shelf knows. */
export const isKnownProblemCode = (code: string): code is KnownProblemCode =>
  (KNOWN_PROBLEM_CODES as readonly string[]).includes(code);
