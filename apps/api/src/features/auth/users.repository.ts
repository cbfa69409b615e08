import type { User } from '@shelf/contracts';
import type { Db, UserRow } from '../../db/database.js';
import { isSqlite } from '../../db/dialect.js';
import { translateViolations } from '../../db/translate-violations.js';
import { UsernameTakenError } from './username-taken-error.js';

/** A user together with the hash needed to check their password; never leaves the auth feature. */
export interface UserWithPasswordHash extends User {
  passwordHash: string;
  /** Raised by every password change; access tokens carry the value they were issued with. */
  tokenVersion: number;
}

const toUser = (row: Omit<UserRow, 'token_version' | 'password_hash'>): User => ({
  id: row.id,
  username: row.username,
  role: row.role,
  created_at: row.created_at,
});

const toUserWithPasswordHash = (row: UserRow): UserWithPasswordHash => ({
  ...toUser(row),
  passwordHash: row.password_hash,
  tokenVersion: row.token_version,
});

export const findUserById = async (db: Db, id: string): Promise<User | undefined> => {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
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

/** Inserts a user; a taken username surfaces as the driver's unique violation. */
/** Inserts an account; throws UsernameTakenError when another account has the username. */
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
          created_at: user.created_at,
        })
        .execute(),
    { unique: () => new UsernameTakenError(user.username) },
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

/** How many admins there are besides `userId`. */
export const countOtherAdmins = async (db: Db, userId: string): Promise<number> => {
  const { count } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('role', '=', 'admin')
    .where('id', '!=', userId)
    .executeTakeFirstOrThrow();
  return Number(count);
};

/**
 * Deletes a user and the books they own (books.owner_id does not cascade; their tags do). Refresh
 * tokens and idempotency keys go with the user by cascade. Run it in a transaction.
 */
export const deleteUserAndBooks = async (db: Db, userId: string): Promise<void> => {
  if (!isSqlite(db)) {
    // Lock the user first: a book insert racing the deletion then waits on its foreign key and
    // fails cleanly once the user is gone, instead of landing between the two deletes.
    await db.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
  }
  await db.deleteFrom('books').where('owner_id', '=', userId).execute();
  await db.deleteFrom('users').where('id', '=', userId).execute();
};
