import { UserSchema } from '@shelf/contracts';
import { bearer, logIn, tokensOf, type Account } from './accounts.js';
import type { Step } from './step.js';

const usernameIs = (username: string) => (response: { body: unknown }) =>
  UserSchema.safeParse(response.body).data?.username === username
    ? []
    : [`the body is not the account ${username}`];

/**
 * Registration's errors. `taken` is a username that exists; they run only where registration is on
 * (where it is off, registration answered 403 already).
 */
export const tourRegistrationErrors = async (step: Step, taken: string): Promise<void> => {
  await step(
    'refuses a taken username',
    {
      method: 'POST',
      path: '/auth/register',
      json: { username: taken, password: 'long enough pw' },
    },
    { status: 409, code: 'username-taken' },
  );
  await step(
    'refuses an invalid username and password, field by field',
    { method: 'POST', path: '/auth/register', json: { username: 'A', password: 'short' } },
    { status: 400, code: 'validation-failed' },
  );
  await step(
    'refuses a body that is not JSON',
    { method: 'POST', path: '/auth/register', text: 'username=a' },
    { status: 415 },
  );
};

/** Login, the OAuth2 token endpoint, refresh, logout and /api/me, as `account`. */
export const tourSessions = async (step: Step, account: Account): Promise<void> => {
  const { username, password } = account;
  await step(
    'refuses a wrong password',
    { method: 'POST', path: '/auth/login', json: { username, password: `${password}-wrong` } },
    { status: 401, code: 'invalid-credentials' },
  );
  await step(
    'refuses a login without a password',
    { method: 'POST', path: '/auth/login', json: { username } },
    { status: 400 },
  );
  await step(
    'refuses a login that is not JSON',
    { method: 'POST', path: '/auth/login', text: `${username}:${password}` },
    { status: 415 },
  );

  const granted = await step(
    'grants tokens for a password grant (OAuth2)',
    { method: 'POST', path: '/auth/token', form: { grant_type: 'password', username, password } },
    { status: 200 },
  );
  const grantedTokens = tokensOf(granted);
  if (grantedTokens !== undefined) {
    await step(
      'grants tokens for a refresh_token grant (OAuth2)',
      {
        method: 'POST',
        path: '/auth/token',
        form: { grant_type: 'refresh_token', refresh_token: grantedTokens.refresh_token },
      },
      { status: 200 },
    );
  }
  await step(
    'answers a wrong password with invalid_grant (OAuth2)',
    {
      method: 'POST',
      path: '/auth/token',
      form: { grant_type: 'password', username, password: `${password}-wrong` },
    },
    {
      status: 400,
      also: ({ body }) =>
        typeof body === 'object' &&
        body !== null &&
        'error' in body &&
        body.error === 'invalid_grant'
          ? []
          : ['the body carries no error: invalid_grant'],
    },
  );
  await step(
    'refuses a token request that is not form-encoded',
    { method: 'POST', path: '/auth/token', json: { grant_type: 'password', username, password } },
    { status: 415 },
  );

  await step(
    'names the caller',
    { method: 'GET', path: '/api/me', headers: bearer(account) },
    {
      status: 200,
      also: usernameIs(username),
    },
  );
  await step(
    'refuses a request without credentials',
    { method: 'GET', path: '/api/me' },
    { status: 401 },
  );
  await step(
    'refuses a forged access token',
    { method: 'GET', path: '/api/me', headers: { Authorization: 'Bearer not.a.token' } },
    { status: 401 },
  );

  const session = await logIn(step, username, password, account.isThrowaway);
  if (session === undefined) return;
  const refreshed = await step(
    'rotates a refresh token',
    { method: 'POST', path: '/auth/refresh', json: { refresh_token: session.refreshToken } },
    { status: 200 },
  );
  const rotated = tokensOf(refreshed)?.refresh_token ?? session.refreshToken;
  await step(
    'answers "no session" (204) to a refresh without a token',
    { method: 'POST', path: '/auth/refresh', json: {} },
    { status: 204 },
  );
  await step(
    'ends a session',
    { method: 'POST', path: '/auth/logout', json: { refresh_token: rotated } },
    { status: 204 },
  );
  await step(
    'refuses the refresh token of an ended session',
    { method: 'POST', path: '/auth/refresh', json: { refresh_token: rotated } },
    { status: 401 },
  );
};

/**
 * What a password confirmation refuses, as `account`: nothing changes, so this runs on any account,
 * the one given on the command line too.
 */
export const tourPasswordConfirmations = async (step: Step, account: Account): Promise<void> => {
  const wrong = `${account.password}-wrong`;
  await step(
    'refuses a password change with a wrong current password',
    {
      method: 'POST',
      path: '/api/me/password',
      headers: bearer(account),
      json: { current_password: wrong, new_password: 'a new long password' },
    },
    { status: 403, code: 'invalid-credentials' },
  );
  await step(
    'refuses a new password that is too short',
    {
      method: 'POST',
      path: '/api/me/password',
      headers: bearer(account),
      json: { current_password: account.password, new_password: 'short' },
    },
    { status: 400, code: 'validation-failed' },
  );
  await step(
    'refuses to delete the account with a wrong password',
    { method: 'DELETE', path: '/api/me', headers: bearer(account), json: { password: wrong } },
    { status: 403, code: 'invalid-credentials' },
  );
  await step(
    'refuses to delete the account without a password',
    { method: 'DELETE', path: '/api/me', headers: bearer(account), json: {} },
    { status: 400 },
  );
};

/**
 * What the emailed-link routes refuse, without sending an email, changing an account or counting
 * a password attempt: made-up tokens and malformed addresses, on any account.
 */
export const tourEmailLinks = async (step: Step, account: Account): Promise<void> => {
  const madeUp = 'contract-tour-made-up-token';
  await step(
    'refuses a made-up password reset token',
    {
      method: 'POST',
      path: '/auth/password-reset/confirm',
      json: { token: madeUp, new_password: 'a new long password' },
    },
    { status: 400, code: 'invalid-reset-token' },
  );
  await step(
    'refuses a made-up email verification token',
    { method: 'POST', path: '/auth/email/confirm', json: { token: madeUp } },
    { status: 400, code: 'invalid-email-token' },
  );
  await step(
    'refuses a password reset for something that is not an address',
    { method: 'POST', path: '/auth/password-reset', json: { email: 'not an address' } },
    { status: 400, code: 'validation-failed' },
  );
  await step(
    'refuses an email change to something that is not an address',
    {
      method: 'POST',
      path: '/api/me/email',
      headers: bearer(account),
      json: { email: 'not an address', password: account.password },
    },
    { status: 400, code: 'validation-failed' },
  );
};

/** Changes a throwaway account's password; the account carries the new password and session after. */
export const tourPasswordChange = async (step: Step, account: Account): Promise<void> => {
  const newPassword = `${account.password}-changed`;
  const changed = await step(
    'changes the password and starts a new session',
    {
      method: 'POST',
      path: '/api/me/password',
      headers: bearer(account),
      json: { current_password: account.password, new_password: newPassword },
    },
    { status: 200 },
  );
  const tokens = tokensOf(changed);
  if (tokens === undefined) return;
  account.password = newPassword;
  account.accessToken = tokens.access_token;
  account.refreshToken = tokens.refresh_token;
};

/** Deletes a throwaway account, then checks its token no longer writes. */
export const tourAccountDeletion = async (step: Step, account: Account): Promise<void> => {
  const deleted = await step(
    'deletes a throwaway account',
    {
      method: 'DELETE',
      path: '/api/me',
      headers: bearer(account),
      json: { password: account.password },
    },
    { status: 204 },
  );
  if (deleted?.status !== 204) return;
  await step(
    'refuses a write with the deleted account’s token',
    {
      method: 'POST',
      path: '/api/books',
      headers: bearer(account),
      json: { title: 'Never stored', author: 'Nobody' },
    },
    { status: 401 },
  );
};
