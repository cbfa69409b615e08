import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Database, Db } from './database.js';
import { inlineReads, workerReads, type OffloadedReads } from './offloaded-reads.js';
import { withStatementCache } from './sqlite-statement-cache.js';

/** Connections per process; several instances share the server's max_connections. */
const POSTGRES_POOL_SIZE = 10;

/** No PostgreSQL statement runs longer; the request fails with a 503 instead. */
const POSTGRES_STATEMENT_TIMEOUT_MS = 5000;

/** The query builder, and on PostgreSQL the pool behind it (shared with the rate-limit store). */
export interface OpenDatabase {
  db: Db;
  postgresPool: pg.Pool | undefined;
  /** Where slow reads (substring searches) run. */
  offloadedReads: OffloadedReads;
  /** Closes the offloaded reads, then the connection or pool. */
  close: () => Promise<void>;
}

const closingBoth = (db: Db, offloadedReads: OffloadedReads) => async () => {
  await offloadedReads.close();
  await db.destroy();
};

/**
 * SQLite runs in WAL mode with a busy timeout so readers never block the writer; the file's folder is
 * created if missing. `synchronous = NORMAL` in WAL mode: a committed write survives a crash of the
 * process; a power loss can lose the last transactions not yet checkpointed, never corrupt the file.
 */
const openSqlite = (path: string, options: OpenOptions): OpenDatabase => {
  const isFile = path !== ':memory:';
  if (isFile) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    ...options,
  });
  const offloadedReads = isFile ? workerReads(path) : inlineReads(db);
  return { db, postgresPool: undefined, offloadedReads, close: closingBoth(db, offloadedReads) };
};

/** `timestamptz` columns come back as the ISO-8601 strings the API sends, as on SQLite. */
const typeParsers = (): pg.CustomTypesConfig => {
  const overrides = new pg.TypeOverrides();
  const parseDate = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (
    value: string,
  ) => Date;
  overrides.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => parseDate(value).toISOString());
  return overrides;
};

/** Destroying the Kysely instance ends the pool. */
const openPostgres = (url: string, options: OpenOptions): OpenDatabase => {
  const pool = new pg.Pool({
    connectionString: url,
    max: POSTGRES_POOL_SIZE,
    statement_timeout: POSTGRES_STATEMENT_TIMEOUT_MS,
    types: typeParsers(),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...options });
  const offloadedReads = inlineReads(db);
  return { db, postgresPool: pool, offloadedReads, close: closingBoth(db, offloadedReads) };
};

export interface OpenOptions {
  /** Called after every query (Kysely's `log`), e.g. to time it. */
  log?: (event: LogEvent) => void;
}

/** Opens the database the configuration names: the same queries and migrations run on both. */
export const openDatabase = (
  database: Config['database'],
  options: OpenOptions = {},
): OpenDatabase =>
  database.kind === 'sqlite'
    ? openSqlite(database.path, options)
    : openPostgres(database.url, options);
