import type {
  CreateUserInput,
  ListUsersQuery,
  ManagedUser,
  ManagedUserPage,
  UpdateUserInput,
} from '@shelf/contracts';
import { conflict, notFound } from '../../errors/app-error.js';
import { ACCOUNT_DELETION_LOCK } from '../auth/account-lock.js';
import { revokeCredentials } from '../auth/account.service.js';
import { createUser, type AuthDeps } from '../auth/auth.service.js';
import { EmailTakenError } from '../auth/email-taken-error.js';
import { revokeUserSessions } from '../auth/refresh-tokens.repository.js';
import { lockSettingRow } from '../auth/settings.repository.js';
import { countOtherActiveAdmins, deleteUserAndBooks } from '../auth/users.repository.js';
import {
  changeManagedUser,
  findManagedUserById,
  listManagedUsers,
  type ManagedUserChange,
} from './managed-users.repository.js';
import { decodeUserCursor, encodeUserCursor } from './users-cursor.js';
import { isUuid } from '../../ids.js';

/** What user management needs: the database, the clock, and the token machinery it revokes with. */
export type UsersDeps = Pick<AuthDeps, 'db' | 'clock' | 'tokenVersions' | 'onCredentialsRevoked'>;

const userNotFound = (id: string) => notFound('user-not-found', `No user with id ${id}`);
const emailTaken = () => conflict('email-taken', 'Another account has this email address');
const lastAdmin = (doing: string) =>
  conflict(
    'last-admin',
    `The last active admin cannot be ${doing}; promote or enable another first`,
  );

/** A path id, lower-cased; a string that is not a UUID names no user (404, never a 400 or 500). */
const userIdOf = (id: string): string => {
  if (!isUuid(id)) throw userNotFound(id);
  return id.toLowerCase();
};

const isActiveAdmin = (user: ManagedUser) => user.role === 'admin' && !user.disabled;

/**
 * A page of users by username, with the cursor of the next one. `q` (lower-cased by the contract)
 * matches a substring of the username or email.
 */
export const listUsers = async (
  deps: Pick<UsersDeps, 'db'>,
  query: ListUsersQuery,
): Promise<ManagedUserPage> => {
  const afterUsername = query.cursor === undefined ? undefined : decodeUserCursor(query.cursor);
  const rows = await listManagedUsers(deps.db, { q: query.q, afterUsername, limit: query.limit });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    next_cursor:
      rows.length > query.limit && last !== undefined ? encodeUserCursor(last.username) : null,
  };
};

/** One user by id; 404 for unknown ids, including ones that are not UUIDs at all. */
export const getUser = async (deps: Pick<UsersDeps, 'db'>, id: string): Promise<ManagedUser> => {
  const user = await findManagedUserById(deps.db, userIdOf(id));
  if (user === undefined) throw userNotFound(id);
  return user;
};

/** Creates an account with any role (409 username-taken or email-taken). */
export const createManagedUser = async (
  deps: Pick<UsersDeps, 'db'>,
  input: CreateUserInput,
): Promise<ManagedUser> => {
  const user = await createUser(deps, input);
  return { ...user, disabled: false };
};

/**
 * Applies an admin's change to a user in one transaction and returns the user as changed. A change
 * that can leave no active admin (a demotion or a disabling of an active admin) takes the account
 * lock first (account-lock.ts), then counts the other active admins: 409 last-admin when there is
 * none. A demotion, a disabling and an enabling raise the user's token version and revoke their
 * sessions, so their access tokens stop working (every instance within TOKEN_VERSION_CACHE_MS,
 * writes at once) and a remembered Basic verification is never reused across the change.
 */
export const updateUser = async (
  deps: UsersDeps,
  rawId: string,
  input: UpdateUserInput,
): Promise<ManagedUser> => {
  const id = userIdOf(rawId);
  const nowIso = new Date(deps.clock.now()).toISOString();
  const mayRemoveAdmin = input.role === 'user' || input.disabled === true;
  try {
    const update = await deps.db.transaction().execute(async (trx) => {
      if (mayRemoveAdmin) await lockSettingRow(trx, ACCOUNT_DELETION_LOCK);
      const before = await findManagedUserById(trx, id, { isForUpdate: true });
      if (before === undefined) throw userNotFound(rawId);
      const isDemoted = before.role === 'admin' && input.role === 'user';
      const isDisabledChanged = input.disabled !== undefined && input.disabled !== before.disabled;
      if (
        isActiveAdmin(before) &&
        (isDemoted || input.disabled === true) &&
        (await countOtherActiveAdmins(trx, id)) === 0
      ) {
        throw lastAdmin(isDemoted ? 'demoted' : 'disabled');
      }
      const isRevoking = isDemoted || isDisabledChanged;
      const change: ManagedUserChange = {
        role: input.role,
        disabledAt: isDisabledChanged ? (input.disabled === true ? nowIso : null) : undefined,
        email: input.email,
        isRevoking,
      };
      const after = await changeManagedUser(trx, id, change);
      if (after === undefined) throw userNotFound(rawId);
      if (isRevoking) await revokeUserSessions(trx, id, nowIso);
      return { user: after, isRevoking };
    });
    if (update.isRevoking) revokeCredentials(deps, id);
    return update.user;
  } catch (error) {
    if (error instanceof EmailTakenError) throw emailTaken();
    throw error;
  }
};

/**
 * Deletes a user with the books they own, in one transaction (deleteUserAndBooks keeps the tag
 * counts); their sessions and idempotency keys go by cascade. The last active admin cannot be
 * deleted (409 last-admin), decided under the account lock as for a demotion. Returns the user as
 * they were.
 */
export const deleteUser = async (deps: UsersDeps, rawId: string): Promise<ManagedUser> => {
  const id = userIdOf(rawId);
  const deleted = await deps.db.transaction().execute(async (trx) => {
    await lockSettingRow(trx, ACCOUNT_DELETION_LOCK);
    const user = await findManagedUserById(trx, id);
    if (user === undefined) throw userNotFound(rawId);
    if (isActiveAdmin(user) && (await countOtherActiveAdmins(trx, id)) === 0) {
      throw lastAdmin('deleted');
    }
    await deleteUserAndBooks(trx, id);
    return user;
  });
  revokeCredentials(deps, id);
  return deleted;
};
