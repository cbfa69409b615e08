import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Database, Db } from './database.js';

/** Connections per process; several instances share the server's max_connections. */
const POSTGRES_POOL_SIZE = 10;

/**
 * SQLite runs in WAL mode with a busy timeout so readers never block the writer; the file's folder is
 * created if missing.
 */
const sqliteDialect = (path: string): Dialect => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new SqliteDialect({ database: sqlite });
};

const postgresDialect = (url: string): Dialect =>
  new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE }) });

/** Opens the database the configuration names: the same queries and migrations run on both. */
export const createDb = (database: Config['database']): Db =>
  new Kysely<Database>({
    dialect:
      database.kind === 'sqlite' ? sqliteDialect(database.path) : postgresDialect(database.url),
  });
