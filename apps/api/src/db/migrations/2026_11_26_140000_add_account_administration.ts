import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * What admin user management needs:
 * - `users.email`: optional, unique, stored normalised (trimmed, lower-cased) so equality is the
 *   uniqueness rule and a substring search needs no case folding; any number of users may have none;
 * - `users.disabled_at`: when an admin disabled the account (null while it is active). A disabled
 *   account keeps its data but cannot log in, and its tokens are refused.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const instant = isSqlite ? 'text' : 'timestamptz';

  await db.schema.alterTable('users').addColumn('email', 'text').execute();
  await db.schema.alterTable('users').addColumn('disabled_at', sql.raw(instant)).execute();
  // A unique index rather than a column constraint: SQLite cannot add a UNIQUE column. Both engines
  // let several rows hold NULL.
  await db.schema.createIndex('users_email_key').on('users').column('email').unique().execute();
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropIndex('users_email_key').execute();
  await db.schema.alterTable('users').dropColumn('disabled_at').execute();
  await db.schema.alterTable('users').dropColumn('email').execute();
};
