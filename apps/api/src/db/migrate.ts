import { Migrator, sql, type MigrationProvider } from 'kysely';
import type { Config } from '../config.js';
import type { Db } from './database.js';
import { migrations } from './migrations/index.js';

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/**
 * PostgreSQL: keep Kysely's bookkeeping tables in the schema the connection works in. Kysely looks
 * for them across every schema otherwise, and would find another schema's.
 */
const migrationTableSchema = async (db: Db, kind: Config['database']['kind']) => {
  if (kind !== 'postgres') return {};
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  return schema === undefined ? {} : { migrationTableSchema: schema };
};

const runMigrations = async (db: Db, kind: Config['database']['kind']): Promise<string[]> => {
  const migrator = new Migrator({ db, provider, ...(await migrationTableSchema(db, kind)) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error');
    const reason = error instanceof Error ? `: ${error.message}` : '';
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed${reason}`, {
      cause: error,
    });
  }
  return results.map((result) => result.migrationName);
};

/**
 * Brings the schema up to date; throws (and the process stops) if a migration fails. On PostgreSQL
 * the migrations run on one connection without the pool's statement timeout: on a large database
 * a migration legitimately takes minutes.
 */
export const migrateToLatest = async (
  db: Db,
  kind: Config['database']['kind'],
): Promise<string[]> => {
  if (kind !== 'postgres') return runMigrations(db, kind);
  return db.connection().execute(async (connection) => {
    await sql`set statement_timeout = 0`.execute(connection);
    try {
      return await runMigrations(connection, kind);
    } finally {
      await sql`reset statement_timeout`.execute(connection);
    }
  });
};
