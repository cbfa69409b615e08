import type { ChangePasswordBody, TokenResponse } from '@shelf/contracts';
import { AppError, conflict, forbidden } from '../../errors/app-error.js';
import type { AuthDeps } from './auth.service.js';
import { newRefreshToken, tokenResponseFor } from './auth.service.js';
import type { AuthUser } from './auth-user.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { insertRefreshToken, revokeUserSessions } from './refresh-tokens.repository.js';
import { ACCOUNT_DELETION_LOCK } from './account-lock.js';
import { lockSettingRow } from './settings.repository.js';
import {
  countOtherActiveAdmins,
  deleteUserAndBooks,
  findUserWithPasswordHashById,
  replacePasswordHash,
  type UserWithPasswordHash,
} from './users.repository.js';

/**
 * The credential limit as one request sees it: a password confirmation counts like a login, so a
 * stolen access token cannot be used to guess the password behind it.
 */
export interface PasswordAttempts {
  /**
   * Counts this attempt before the password is checked; throws a 429 AppError when the client or
   * account is over the limit. `succeeded()` takes a right password's attempt back, `abandoned()`
   * one whose password could not be checked (the database failed, or hashing was busy).
   */
  count(): Promise<{ succeeded(): Promise<void>; abandoned(): Promise<void> }>;
}

/**
 * 403, not 401: the request's own credentials are fine, and a 401 would make clients renew the
 * session and send the wrong password again.
 */
const wrongPassword = () => forbidden('invalid-credentials', 'The password is wrong');
const accountGone = () => new AppError('user-not-found', 'This account no longer exists', 401);

/**
 * The caller's account, once `password` is confirmed to be its password; the attempt is counted
 * like a login (a 429 AppError over the limit), and a wrong password is a 403. When the password
 * cannot be checked (a database error, a 503 password-checks-busy) the attempt is taken back and the
 * error rethrown: a server fault never uses up the client's budget.
 */
export const confirmPassword = async (
  deps: AuthDeps,
  authUser: AuthUser,
  password: string,
  attempts: PasswordAttempts,
): Promise<UserWithPasswordHash> => {
  const attempt = await attempts.count();
  let user: UserWithPasswordHash | undefined;
  let isRight: boolean;
  try {
    user = await findUserWithPasswordHashById(deps.db, authUser.id);
    isRight = user !== undefined && (await verifyPassword(user.passwordHash, password));
  } catch (error) {
    await attempt.abandoned().catch(() => undefined);
    throw error;
  }
  if (user === undefined) throw accountGone();
  if (!isRight) throw wrongPassword();
  await attempt.succeeded();
  return user;
};

/**
 * Tells this process and the hook that the user's old credentials are void: call it once a change
 * that raised their token version (or deleted them) has committed.
 */
export const revokeCredentials = (
  deps: Pick<AuthDeps, 'tokenVersions' | 'onCredentialsRevoked'>,
  userId: string,
): void => {
  deps.tokenVersions.forget(userId);
  deps.onCredentialsRevoked?.(userId);
};

/**
 * Changes the caller's password. In one transaction the password is replaced, the token version
 * raised (access tokens issued before stop working), every session of the account revoked and a new
 * one started for the caller, whose tokens are returned.
 */
export const changePassword = async (
  deps: AuthDeps,
  authUser: AuthUser,
  input: ChangePasswordBody,
  attempts: PasswordAttempts,
): Promise<TokenResponse> => {
  const user = await confirmPassword(deps, authUser, input.current_password, attempts);
  const newHash = await hashPassword(input.new_password);
  const { refreshToken, record } = newRefreshToken(deps, user.id);
  const tokenVersion = await deps.db.transaction().execute(async (trx) => {
    const version = await replacePasswordHash(trx, {
      userId: user.id,
      expectedHash: user.passwordHash,
      newHash,
    });
    // The password changed (or the account went) since it was confirmed: it is not current any more.
    if (version === undefined) throw wrongPassword();
    await revokeUserSessions(trx, user.id, record.createdAt);
    await insertRefreshToken(trx, record);
    return version;
  });
  revokeCredentials(deps, user.id);
  const caller = { id: user.id, username: user.username, role: user.role };
  return tokenResponseFor(deps, caller, tokenVersion, refreshToken);
};

/**
 * Deletes the caller's account with the books it owns, in one transaction; its sessions and
 * idempotency keys go by cascade. The last active admin may not delete their account (409
 * last-admin): deletions take one lock row first (account-lock.ts), so two admins deleting
 * themselves at once cannot both pass.
 */
export const deleteAccount = async (
  deps: AuthDeps,
  authUser: AuthUser,
  password: string,
  attempts: PasswordAttempts,
): Promise<void> => {
  const user = await confirmPassword(deps, authUser, password, attempts);
  await deps.db.transaction().execute(async (trx) => {
    await lockSettingRow(trx, ACCOUNT_DELETION_LOCK);
    const current = await findUserWithPasswordHashById(trx, user.id);
    if (current === undefined) throw accountGone();
    // The password changed since it was confirmed: the one sent is not current any more.
    if (current.passwordHash !== user.passwordHash) throw wrongPassword();
    if (
      current.role === 'admin' &&
      !current.isDisabled &&
      (await countOtherActiveAdmins(trx, user.id)) === 0
    ) {
      throw conflict('last-admin', 'The last admin cannot delete their account');
    }
    await deleteUserAndBooks(trx, user.id);
  });
  revokeCredentials(deps, user.id);
};
