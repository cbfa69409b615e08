import type { User } from '@shelf/contracts';
import type { Db, UserRow } from '../../db/database.js';

/** A user together with the hash needed to check their password; never leaves the auth feature. */
export interface UserWithPasswordHash extends User {
  passwordHash: string;
}

const toUser = (row: Omit<UserRow, 'token_version'>): User => ({
  id: row.id,
  username: row.username,
  role: row.role,
  created_at: row.created_at,
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
  return row === undefined ? undefined : { ...toUser(row), passwordHash: row.password_hash };
};

/** Inserts a user; a taken username surfaces as the driver's unique violation. */
export const insertUser = async (db: Db, user: User & { passwordHash: string }): Promise<User> => {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      username: user.username,
      password_hash: user.passwordHash,
      role: user.role,
      created_at: user.created_at,
    })
    .execute();
  return toUser({ ...user, password_hash: user.passwordHash });
};

export const countUsers = async (db: Db): Promise<number> => {
  const { count } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
};
