import { ACCOUNT_TOKEN_LIFETIME_SECONDS } from '@shelf/contracts';
import { AppError, badRequest } from '../../errors/app-error.js';
import { accountLink, passwordResetEmail } from './account-emails.js';
import { hashAccountToken } from './account-token-values.js';
import {
  consumeAccountToken,
  deleteUserAccountTokens,
  findLiveAccountToken,
} from './account-tokens.repository.js';
import { revokeCredentials } from './account.service.js';
import type { AuthDeps } from './auth.service.js';
import { issueAccountToken } from './issue-account-token.js';
import { hashPassword } from './passwords.js';
import { revokeUserSessions } from './refresh-tokens.repository.js';
import { findUserWithPasswordHashByEmail, resetPasswordHash } from './users.repository.js';

/** The 503 of an endpoint that must send email on a server that cannot (production, no SMTP_URL). */
export const emailUnavailable = () =>
  new AppError(
    'email-unavailable',
    'This server cannot send email (SMTP_URL is not configured), so it cannot send the link; ask an administrator',
    503,
  );

const invalidResetToken = () =>
  badRequest(
    'invalid-reset-token',
    'This password reset link is unknown, already used or expired (links work once, for 30 minutes, and not after a password change); ask for a new one',
  );

/** Issues a reset token for the account using `email`, if an active one does, and emails the link. */
const sendResetLink = async (deps: AuthDeps, email: string): Promise<void> => {
  const user = await findUserWithPasswordHashByEmail(deps.db, email);
  if (user === undefined || user.isDisabled) return;
  const token = await issueAccountToken(deps.db, {
    purpose: 'password-reset',
    userId: user.id,
    email: null,
    tokenVersion: user.tokenVersion,
    lifetimeSeconds: ACCOUNT_TOKEN_LIFETIME_SECONDS.passwordReset,
    now: deps.clock.now(),
  });
  const link = accountLink(deps.config.mail.appUrl, 'reset-password', token);
  await deps.mailer.send(passwordResetEmail(email, user.username, link));
};

/**
 * Asks for a password reset link for `email`. Counts the request (per client IP and per address;
 * a 429 AppError over the limit), then returns at once: whether an account uses the address is
 * looked up after the response, in the background, so neither the answer nor its timing tells.
 * Throws a 503 AppError when the server cannot send email.
 */
export const requestPasswordReset = async (
  deps: AuthDeps,
  input: { ip: string; email: string },
): Promise<void> => {
  if (!deps.mailer.canSend) throw emailUnavailable();
  await deps.credentials.countEmailRequest(input.ip, input.email);
  deps.background.run('password reset email', () => sendResetLink(deps, input.email));
};

/**
 * Sets a new password with a reset token. In one transaction the token is consumed (single use),
 * the password replaced and the token version raised, provided it is still the version the token
 * was issued at (any password change since voids the token), and every session of the account
 * revoked. No session is started. Throws a 400 invalid-reset-token AppError otherwise.
 */
export const confirmPasswordReset = async (
  deps: AuthDeps,
  input: { token: string; newPassword: string },
): Promise<void> => {
  const tokenHash = hashAccountToken(input.token);
  const nowIso = new Date(deps.clock.now()).toISOString();
  // Checked before hashing the password, so unknown tokens cost no hash.
  if ((await findLiveAccountToken(deps.db, tokenHash, 'password-reset', nowIso)) === undefined) {
    throw invalidResetToken();
  }
  const newHash = await hashPassword(input.newPassword);
  const userId = await deps.db.transaction().execute(async (trx) => {
    const token = await consumeAccountToken(trx, tokenHash, 'password-reset', nowIso);
    if (token === undefined) throw invalidResetToken();
    const version = await resetPasswordHash(trx, {
      userId: token.userId,
      expectedTokenVersion: token.tokenVersion,
      newHash,
    });
    if (version === undefined) throw invalidResetToken();
    await revokeUserSessions(trx, token.userId, nowIso);
    // Other outstanding tokens were issued at the old version: void now, gone too.
    await deleteUserAccountTokens(trx, token.userId, 'password-reset');
    return token.userId;
  });
  revokeCredentials(deps, userId);
};
