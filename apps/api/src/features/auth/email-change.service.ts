import { ACCOUNT_TOKEN_LIFETIME_SECONDS } from '@shelf/contracts';
import { badRequest, conflict } from '../../errors/app-error.js';
import {
  accountLink,
  emailChangeNoticeEmail,
  emailInUseNoticeEmail,
  emailVerificationEmail,
} from './account-emails.js';
import { hashAccountToken } from './account-token-values.js';
import { consumeAccountToken } from './account-tokens.repository.js';
import { confirmPassword, type PasswordAttempts } from './account.service.js';
import type { AuthDeps } from './auth.service.js';
import type { AuthUser } from './auth-user.js';
import { EmailTakenError } from './email-taken-error.js';
import { issueAccountToken } from './issue-account-token.js';
import { emailUnavailable } from './password-reset.service.js';
import {
  findUserWithPasswordHashByEmail,
  setUserEmailIfVersion,
  type UserWithPasswordHash,
} from './users.repository.js';

const invalidEmailToken = () =>
  badRequest(
    'invalid-email-token',
    'This email verification link is unknown, already used or expired (links work once, for 24 hours, and not after a password change); ask for a new one',
  );

/**
 * The emails of an email change: a verification link to the new address and a notice to the
 * current one; when another account uses the new address, only a notice to that address.
 */
const sendVerification = async (
  deps: AuthDeps,
  user: UserWithPasswordHash,
  newEmail: string,
): Promise<void> => {
  const owner = await findUserWithPasswordHashByEmail(deps.db, newEmail);
  if (owner !== undefined) {
    // Its own address already: nothing to verify, nothing to tell anyone.
    if (owner.id !== user.id) await deps.mailer.send(emailInUseNoticeEmail(newEmail));
    return;
  }
  const token = await issueAccountToken(deps.db, {
    purpose: 'email-change',
    userId: user.id,
    email: newEmail,
    tokenVersion: user.tokenVersion,
    lifetimeSeconds: ACCOUNT_TOKEN_LIFETIME_SECONDS.emailChange,
    now: deps.clock.now(),
  });
  const link = accountLink(deps.config.mail.appUrl, 'verify-email', token);
  await deps.mailer.send(emailVerificationEmail(newEmail, user.username, link));
  if (user.email !== null) {
    await deps.mailer.send(emailChangeNoticeEmail(user.email, user.username, newEmail));
  }
};

/**
 * Asks to change the caller's email address to `email`, confirming their password first (counted
 * like a login: a 429 or 403 AppError). Then returns at once: the emails go in the background, and
 * whether another account uses the address changes neither the answer nor its timing. Throws a 503
 * AppError when the server cannot send email.
 */
export const requestEmailChange = async (
  deps: AuthDeps,
  authUser: AuthUser,
  input: { email: string; password: string },
  attempts: PasswordAttempts,
): Promise<void> => {
  if (!deps.mailer.canSend) throw emailUnavailable();
  const user = await confirmPassword(deps, authUser, input.password, attempts);
  deps.background.run('email verification', () => sendVerification(deps, user, input.email));
};

/**
 * Attaches the address of an email verification token to the account that asked for it. The token
 * is consumed (single use) in the same transaction, and only while the account's token version is
 * the one it was issued at. Throws a 400 invalid-email-token AppError for an unknown, used or
 * expired token, and a 409 email-taken when another account took the address meanwhile (the token
 * stays usable should the address come free).
 */
export const confirmEmailChange = async (deps: AuthDeps, token: string): Promise<void> => {
  const tokenHash = hashAccountToken(token);
  const nowIso = new Date(deps.clock.now()).toISOString();
  try {
    await deps.db.transaction().execute(async (trx) => {
      const record = await consumeAccountToken(trx, tokenHash, 'email-change', nowIso);
      if (record === undefined || record.email === null) throw invalidEmailToken();
      const isChanged = await setUserEmailIfVersion(trx, {
        userId: record.userId,
        expectedTokenVersion: record.tokenVersion,
        email: record.email,
      });
      if (!isChanged) throw invalidEmailToken();
    });
  } catch (error) {
    if (error instanceof EmailTakenError) {
      throw conflict('email-taken', 'Another account uses this email address now');
    }
    throw error;
  }
};
