import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Database, Db } from './database.js';

/** Connections per process; several instances share the server's max_connections. */
const POSTGRES_POOL_SIZE = 10;

/** The query builder, and on PostgreSQL the pool behind it (shared with the rate-limit store). */
export interface OpenDatabase {
  db: Db;
  postgresPool: pg.Pool | undefined;
}

/**
 * SQLite runs in WAL mode with a busy timeout so readers never block the writer; the file's folder is
 * created if missing.
 */
const openSqlite = (path: string): OpenDatabase => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }),
    postgresPool: undefined,
  };
};

/** Destroying the Kysely instance ends the pool. */
const openPostgres = (url: string): OpenDatabase => {
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE });
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    postgresPool: pool,
  };
};

/** Opens the database the configuration names: the same queries and migrations run on both. */
export const openDatabase = (database: Config['database']): OpenDatabase =>
  database.kind === 'sqlite' ? openSqlite(database.path) : openPostgres(database.url);
