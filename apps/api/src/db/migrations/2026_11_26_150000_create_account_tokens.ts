import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * `account_tokens`: the single-use tokens Shelf emails (a password reset, an email verification).
 * Only a SHA-256 hash of each token is kept, as the key. `token_version` is the user's token
 * version when the token was issued: any password change raises it, which voids the token. `email`
 * is the address a verification token attaches (null for a reset). Rows go with their user, and
 * the housekeeping purge deletes them once expired.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const instant = sql.raw(isSqlite ? 'text' : 'timestamptz');
  const id = sql.raw(isSqlite ? 'text' : 'uuid');

  await db.schema
    .createTable('account_tokens')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('user_id', id, (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('token_version', 'integer', (col) => col.notNull())
    .addColumn('expires_at', instant, (col) => col.notNull())
    .addColumn('created_at', instant, (col) => col.notNull())
    .execute();
  // The purge looks for expired rows; a user's deletion cascades through user_id.
  await db.schema
    .createIndex('account_tokens_expires_at_idx')
    .on('account_tokens')
    .column('expires_at')
    .execute();
  await db.schema
    .createIndex('account_tokens_user_id_idx')
    .on('account_tokens')
    .column('user_id')
    .execute();
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable('account_tokens').execute();
};
