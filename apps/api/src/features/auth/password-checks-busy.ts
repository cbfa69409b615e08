import { AppError } from '../../errors/app-error.js';

/**
 * Password checks that may wait in one process, in each of its two queues: logins and token
 * requests waiting their turn (credential-guard.ts), and hashes waiting for the hashing thread
 * (passwords.ts). At its pace of about 70 checks a second, the last of them waits about a second.
 */
export const MAX_WAITING_PASSWORD_CHECKS = 64;

/** Half of a full queue drains in well under a second. */
const RETRY_AFTER_SECONDS = 1;

/**
 * The 503 for a password check that would wait behind MAX_WAITING_PASSWORD_CHECKS others: a storm
 * of logins from many addresses gets a fast refusal with `Retry-After` instead of growing a queue
 * that makes every honest login wait longer. A login, token request, Basic request or password
 * confirmation refused this way counts nothing against the client or the account (the attempt is
 * taken back); a registration keeps its count, as registrations are counted whatever they answer.
 */
export const passwordChecksBusy = (): AppError =>
  new AppError(
    'password-checks-busy',
    `Too many password checks are waiting on this server; retry after ${RETRY_AFTER_SECONDS} s (Retry-After)`,
    503,
    { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
  );
