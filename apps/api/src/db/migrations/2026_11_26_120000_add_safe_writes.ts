import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * What safe writes and account lifecycle need:
 * - `books.version`, raised by every write: the book's ETag and the `If-Match` check;
 * - `users.token_version`, raised by a password change: access tokens carry it, so tokens issued
 *   before the change stop working;
 * - `idempotency_keys`: one row per (user, Idempotency-Key) of a create, with the response to replay;
 * - `settings`: values the server generates once and every instance shares (the development JWT secret).
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const uuid = isSqlite ? 'text' : 'uuid';
  const instant = isSqlite ? 'text' : 'timestamptz';

  await db.schema
    .alterTable('books')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('token_version', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', sql.raw(uuid), (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('request_hash', 'text', (col) => col.notNull())
    .addColumn('status', 'integer', (col) => col.notNull())
    .addColumn('response_body', 'text', (col) => col.notNull())
    .addColumn('response_headers', 'text', (col) => col.notNull())
    .addColumn('created_at', sql.raw(instant), (col) => col.notNull())
    .addColumn('expires_at', sql.raw(instant), (col) => col.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['user_id', 'key'])
    .execute();
  await db.schema
    .createIndex('idempotency_keys_expires_at')
    .on('idempotency_keys')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute();

  // The purge deletes expired and spent refresh tokens and counters in batches, by these columns.
  await db.schema
    .createIndex('refresh_tokens_expires_at')
    .on('refresh_tokens')
    .column('expires_at')
    .execute();
  if (!isSqlite) {
    await db.schema.createIndex('rate_limits_expire').on('rate_limits').column('expire').execute();
  }
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (!isSqlite) await db.schema.dropIndex('rate_limits_expire').execute();
  await db.schema.dropIndex('refresh_tokens_expires_at').execute();
  await db.schema.dropTable('settings').execute();
  await db.schema.dropTable('idempotency_keys').execute();
  await db.schema.alterTable('users').dropColumn('token_version').execute();
  await db.schema.alterTable('books').dropColumn('version').execute();
};
