import type { Role, User } from '@shelf/contracts';
import type { Db, UserRow } from '../../db/database.js';
import { isSqlite } from '../../db/dialect.js';
import { translateViolations } from '../../db/translate-violations.js';
import { applyTagDeltas, tagDeltas } from '../tags/tags.repository.js';
import { EmailTakenError } from './email-taken-error.js';
import { UsernameTakenError } from './username-taken-error.js';

/** A user together with the hash needed to check their password; never leaves the auth feature. */
export interface UserWithPasswordHash extends User {
  passwordHash: string;
  /** Raised by every password change; access tokens carry the value they were issued with. */
  tokenVersion: number;
  /** True while an admin has disabled the account: the right password still may not log in. */
  isDisabled: boolean;
}

const toUser = (row: Pick<UserRow, 'id' | 'username' | 'role' | 'email' | 'created_at'>): User => ({
  id: row.id,
  username: row.username,
  role: row.role,
  email: row.email,
  created_at: row.created_at,
});

const toUserWithPasswordHash = (row: UserRow): UserWithPasswordHash => ({
  ...toUser(row),
  passwordHash: row.password_hash,
  tokenVersion: row.token_version,
  isDisabled: row.disabled_at !== null,
});

/**
 * True when a unique violation is the email's (index users_email_key), not the username's:
 * PostgreSQL names the index, SQLite the column.
 */
const isEmailViolation = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { constraint, message } = error as { constraint?: unknown; message?: unknown };
  return (
    constraint === 'users_email_key' ||
    (typeof message === 'string' && message.includes('users.email'))
  );
};

export const findUserById = async (db: Db, id: string): Promise<User | undefined> => {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
};

/**
 * The role the user has now, read afresh: undefined when the account is gone or disabled. Role
 * checks use it rather than the role an access token was issued with, so a demotion or a promotion
 * counts at once on every instance.
 */
export const findActiveUserRole = async (db: Db, id: string): Promise<Role | undefined> => {
  const row = await db
    .selectFrom('users')
    .select(['role', 'disabled_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined || row.disabled_at !== null ? undefined : row.role;
};

/** True when the user exists and an admin has disabled them. */
export const isUserDisabled = async (db: Db, id: string): Promise<boolean> => {
  const row = await db
    .selectFrom('users')
    .select('disabled_at')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined && row.disabled_at !== null;
};

export const findUserWithPasswordHash = async (
  db: Db,
  username: string,
): Promise<UserWithPasswordHash | undefined> => {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  return row === undefined ? undefined : toUserWithPasswordHash(row);
};

export const findUserWithPasswordHashById = async (
  db: Db,
  id: string,
): Promise<UserWithPasswordHash | undefined> => {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toUserWithPasswordHash(row);
};

/**
 * Inserts an account; throws UsernameTakenError when another account has the username, and
 * EmailTakenError when another has the email.
 */
export const insertUser = async (db: Db, user: User & { passwordHash: string }): Promise<User> => {
  await translateViolations(
    () =>
      db
        .insertInto('users')
        .values({
          id: user.id,
          username: user.username,
          password_hash: user.passwordHash,
          role: user.role,
          email: user.email,
          created_at: user.created_at,
        })
        .execute(),
    {
      unique: (error) =>
        isEmailViolation(error) ? new EmailTakenError() : new UsernameTakenError(user.username),
    },
  );
  return toUser(user);
};

export const countUsers = async (db: Db): Promise<number> => {
  const { count } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
};

/**
 * Replaces the password and raises the token version, in one statement, unless the password is no
 * longer `expectedHash` (changed meanwhile) or the user is gone. Resolves to the new token version,
 * or undefined when nothing changed.
 */
export const replacePasswordHash = async (
  db: Db,
  change: { userId: string; expectedHash: string; newHash: string },
): Promise<number | undefined> => {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ password_hash: change.newHash, token_version: eb('token_version', '+', 1) }))
    .where('id', '=', change.userId)
    .where('password_hash', '=', change.expectedHash)
    .returning('token_version')
    .executeTakeFirst();
  return row?.token_version;
};

/** The account with this (normalised) email address, with its hash and token version, or undefined. */
export const findUserWithPasswordHashByEmail = async (
  db: Db,
  email: string,
): Promise<UserWithPasswordHash | undefined> => {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirst();
  return row === undefined ? undefined : toUserWithPasswordHash(row);
};

/**
 * Replaces the password of a password reset and raises the token version, in one statement, unless
 * the token version is no longer `expectedTokenVersion` (the password changed since the reset link
 * was issued), the account is disabled or gone. Resolves to the new token version, or undefined.
 */
export const resetPasswordHash = async (
  db: Db,
  change: { userId: string; expectedTokenVersion: number; newHash: string },
): Promise<number | undefined> => {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ password_hash: change.newHash, token_version: eb('token_version', '+', 1) }))
    .where('id', '=', change.userId)
    .where('token_version', '=', change.expectedTokenVersion)
    .where('disabled_at', 'is', null)
    .returning('token_version')
    .executeTakeFirst();
  return row?.token_version;
};

/**
 * Sets the user's email address unless their token version is no longer `expectedTokenVersion`;
 * true when it changed. Throws EmailTakenError when another account has the address.
 */
export const setUserEmailIfVersion = async (
  db: Db,
  change: { userId: string; expectedTokenVersion: number; email: string },
): Promise<boolean> => {
  const result = await translateViolations(
    () =>
      db
        .updateTable('users')
        .set({ email: change.email })
        .where('id', '=', change.userId)
        .where('token_version', '=', change.expectedTokenVersion)
        .executeTakeFirst(),
    { unique: () => new EmailTakenError() },
  );
  return Number(result.numUpdatedRows) > 0;
};

/** How many active (not disabled) admins there are besides `userId`. */
export const countOtherActiveAdmins = async (db: Db, userId: string): Promise<number> => {
  const { count } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('id', '!=', userId)
    .executeTakeFirstOrThrow();
  return Number(count);
};

/**
 * Deletes a user and the books they own (books.owner_id does not cascade; their tags do), taking
 * those books' tags off tag_counts. Refresh tokens and idempotency keys go with the user by
 * cascade. Run it in a transaction.
 */
export const deleteUserAndBooks = async (db: Db, userId: string): Promise<void> => {
  if (!isSqlite(db)) {
    // Lock the user first: a book insert racing the deletion then waits on its foreign key and
    // fails cleanly once the user is gone, instead of landing between the two deletes.
    await db.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
  }
  // The tags come back from the DELETE itself, which sees each book as it is when deleted, so a
  // concurrent tag change of one of these books cannot slip between a count and the delete.
  const deleted = await db
    .deleteFrom('books')
    .where('owner_id', '=', userId)
    .returning('tags')
    .execute();
  await applyTagDeltas(
    db,
    tagDeltas(
      [],
      deleted.flatMap((book) => JSON.parse(book.tags) as string[]),
    ),
  );
  await db.deleteFrom('users').where('id', '=', userId).execute();
};
