import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * PostgreSQL: ids become `uuid` and instants `timestamptz`, the engine's native types (smaller
 * indexes, checked values). The wire format does not change: the pool parses `timestamptz` back to
 * ISO-8601 strings. SQLite keeps text, which it sorts the same way.
 */

const foreignKeys = [
  { table: 'refresh_tokens', column: 'user_id', references: 'users', onDelete: 'cascade' },
  { table: 'books', column: 'owner_id', references: 'users', onDelete: 'no action' },
  { table: 'book_tags', column: 'book_id', references: 'books', onDelete: 'cascade' },
] as const;

const columnTypes: Record<string, Record<string, 'uuid' | 'timestamptz'>> = {
  users: { id: 'uuid', created_at: 'timestamptz' },
  refresh_tokens: {
    id: 'uuid',
    family_id: 'uuid',
    user_id: 'uuid',
    expires_at: 'timestamptz',
    created_at: 'timestamptz',
    rotated_at: 'timestamptz',
    revoked_at: 'timestamptz',
  },
  books: { id: 'uuid', owner_id: 'uuid', created_at: 'timestamptz', updated_at: 'timestamptz' },
  book_tags: { book_id: 'uuid', created_at: 'timestamptz' },
};

export const up = async (db: Kysely<unknown>): Promise<void> => {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  for (const { table, column } of foreignKeys) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_${column}_fkey`)}`.execute(
      db,
    );
  }
  for (const [table, columns] of Object.entries(columnTypes)) {
    const changes = Object.entries(columns).map(
      ([column, type]) =>
        sql`alter column ${sql.id(column)} type ${sql.raw(type)} using ${sql.id(column)}::${sql.raw(type)}`,
    );
    await sql`alter table ${sql.table(table)} ${sql.join(changes)}`.execute(db);
  }
  for (const { table, column, references, onDelete } of foreignKeys) {
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_${column}_fkey`)}
      foreign key (${sql.id(column)}) references ${sql.table(references)} (id) on delete ${sql.raw(onDelete)}`.execute(
      db,
    );
  }
};
