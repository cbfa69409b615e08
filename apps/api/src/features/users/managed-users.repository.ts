import type { ManagedUser, Role } from '@shelf/contracts';
import type { Db, UserRow } from '../../db/database.js';
import { isSqlite } from '../../db/dialect.js';
import { containsPattern, likeEscaped } from '../../db/like-pattern.js';
import { translateViolations } from '../../db/translate-violations.js';
import { EmailTakenError } from '../auth/email-taken-error.js';

const COLUMNS = ['id', 'username', 'role', 'email', 'created_at', 'disabled_at'] as const;

type ManagedUserRow = Pick<UserRow, (typeof COLUMNS)[number]>;

const toManagedUser = (row: ManagedUserRow): ManagedUser => ({
  id: row.id,
  username: row.username,
  role: row.role,
  email: row.email,
  created_at: row.created_at,
  disabled: row.disabled_at !== null,
});

/** `%` and `_` match themselves: a search for `a_b` finds only `a_b`. */
const contains = (column: 'username' | 'email', pattern: string) => likeEscaped(column, pattern);

export interface UserListQuery {
  /** Lower-cased text the username or the email contains. */
  q?: string | undefined;
  /** The last username of the previous page. */
  afterUsername?: string | undefined;
  limit: number;
}

/**
 * Users by username (the unique index's order), after `afterUsername`, at most `limit + 1` of them
 * so the caller knows whether another page follows. Usernames and emails are stored lower-case, so
 * a lower-cased `q` matches case-insensitively on both engines with a plain LIKE.
 */
export const listManagedUsers = async (db: Db, query: UserListQuery): Promise<ManagedUser[]> => {
  const { q, afterUsername, limit } = query;
  const rows = await db
    .selectFrom('users')
    .select(COLUMNS)
    .$if(q !== undefined && q !== '', (qb) =>
      qb.where((eb) =>
        eb.or([
          contains('username', containsPattern(q ?? '')),
          contains('email', containsPattern(q ?? '')),
        ]),
      ),
    )
    .$if(afterUsername !== undefined, (qb) => qb.where('username', '>', afterUsername ?? ''))
    .orderBy('username')
    .limit(limit + 1)
    .execute();
  return rows.map(toManagedUser);
};

/**
 * The user with this id, or undefined. With `isForUpdate` (in a transaction), PostgreSQL locks the
 * row until the transaction ends; SQLite's write lock already serializes writers.
 */
export const findManagedUserById = async (
  db: Db,
  id: string,
  { isForUpdate = false }: { isForUpdate?: boolean } = {},
): Promise<ManagedUser | undefined> => {
  const row = await db
    .selectFrom('users')
    .select(COLUMNS)
    .where('id', '=', id)
    .$if(isForUpdate && !isSqlite(db), (qb) => qb.forUpdate())
    .executeTakeFirst();
  return row === undefined ? undefined : toManagedUser(row);
};

/** What an admin changes about a user; an absent field stays as it is. */
export interface ManagedUserChange {
  role?: Role | undefined;
  /** When the user was disabled, or null to enable them. */
  disabledAt?: string | null | undefined;
  /** Normalised, or null to remove it. */
  email?: string | null | undefined;
  /** Raise token_version, voiding the user's access tokens (and remembered Basic credentials). */
  isRevoking: boolean;
}

/**
 * Applies the change in one statement and returns the user as changed, or undefined when the user
 * is gone. Throws EmailTakenError when another account has the email. A change of nothing (say,
 * enabling an active user) writes nothing.
 */
export const changeManagedUser = async (
  db: Db,
  id: string,
  change: ManagedUserChange,
): Promise<ManagedUser | undefined> => {
  const isEmpty =
    change.role === undefined &&
    change.disabledAt === undefined &&
    change.email === undefined &&
    !change.isRevoking;
  if (isEmpty) return findManagedUserById(db, id);
  const row = await translateViolations(
    () =>
      db
        .updateTable('users')
        .set((eb) => ({
          ...(change.role !== undefined ? { role: change.role } : {}),
          ...(change.disabledAt !== undefined ? { disabled_at: change.disabledAt } : {}),
          ...(change.email !== undefined ? { email: change.email } : {}),
          ...(change.isRevoking ? { token_version: eb('token_version', '+', 1) } : {}),
        }))
        .where('id', '=', id)
        .returning(COLUMNS)
        .executeTakeFirst(),
    { unique: () => new EmailTakenError() },
  );
  return row === undefined ? undefined : toManagedUser(row);
};
