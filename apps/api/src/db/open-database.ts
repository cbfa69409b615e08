import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Database, Db } from './database.js';
import {
  BACKSTOP_PAGES,
  backgroundCheckpoints,
  type BackgroundCheckpoints,
} from './background-checkpoints.js';
import { directReads } from './direct-reads.js';
import { workerReads } from './offloaded-reads.js';
import { inlineReads, observedReads, type ObserveRead, type ReadRunner } from './read-runner.js';
import { withStatementCache } from './sqlite-statement-cache.js';

/** Connections per process; several instances share the server's max_connections. */
const POSTGRES_POOL_SIZE = 10;

/** No PostgreSQL statement runs longer; the request fails with a 503 instead. */
const POSTGRES_STATEMENT_TIMEOUT_MS = 5000;

/**
 * How long a request waits for a pooled connection (a new one, or a free one when all are busy)
 * before it fails with a 503: without it, a database that stops answering hangs every request.
 */
const POSTGRES_CONNECT_TIMEOUT_MS = 3000;

/**
 * How long a write waits for SQLite's lock, held by another connection (another process: a
 * migration, a script), before it fails with SQLITE_BUSY, answered 503 `database-busy`. Kept short
 * because better-sqlite3 waits synchronously: the whole event loop stands still meanwhile, for every
 * request. This process's own writes never wait: they share one connection.
 */
const SQLITE_BUSY_TIMEOUT_MS = 250;

/** The query builder, and on PostgreSQL the pool behind it (shared with the rate-limit store). */
export interface OpenDatabase {
  db: Db;
  postgresPool: pg.Pool | undefined;
  /** Where indexed reads (a page, a book) run: on SQLite, a read-only connection, synchronously. */
  reads: ReadRunner;
  /** Where slow reads (substring searches) run: on SQLite, off the event loop. */
  offloadedReads: ReadRunner;
  /** Closes the read connections, then the connection or pool. */
  close: () => Promise<void>;
}

const opened = (
  db: Db,
  postgresPool: pg.Pool | undefined,
  runners: { reads: ReadRunner; offloadedReads: ReadRunner },
  checkpoints?: BackgroundCheckpoints,
): OpenDatabase => ({
  db,
  postgresPool,
  ...runners,
  async close() {
    await runners.reads.close();
    await runners.offloadedReads.close();
    await checkpoints?.close();
    await db.destroy();
  },
});

/**
 * SQLite runs in WAL mode with a busy timeout so readers never block the writer; the file's folder is
 * created if missing. `synchronous = NORMAL` in WAL mode: a committed write survives a crash of the
 * process; a power loss can lose the last transactions not yet checkpointed, never corrupt the file.
 * A file's checkpoints run in a worker thread (background-checkpoints.ts).
 */
const openSqlite = (path: string, options: OpenOptions): OpenDatabase => {
  const isFile = path !== ':memory:';
  if (isFile) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  if (isFile) sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  if (!isFile) {
    const reads = inlineReads(db);
    return opened(db, undefined, { reads, offloadedReads: reads });
  }
  // These bypass Kysely's driver, so its `log` does not see them.
  const { observeRead } = options;
  const observe = (runner: ReadRunner) =>
    observeRead === undefined ? runner : observedReads(runner, observeRead);
  return opened(
    db,
    undefined,
    { reads: observe(directReads(path)), offloadedReads: observe(workerReads(path)) },
    backgroundCheckpoints(path),
  );
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

/**
 * Destroying the Kysely instance ends the pool. A connection that fails (the server restarted, an
 * administrator terminated it) emits 'error', which would crash the process unhandled: while idle, the
 * pool drops it and `onIdleConnectionError` hears of it; while checked out between two queries, its
 * next query fails (answered 503) and the pool drops it on release.
 */
const openPostgres = (url: string, options: OpenOptions): OpenDatabase => {
  const pool = new pg.Pool({
    connectionString: url,
    max: POSTGRES_POOL_SIZE,
    statement_timeout: POSTGRES_STATEMENT_TIMEOUT_MS,
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
    types: typeParsers(),
  });
  pool.on('error', options.onIdleConnectionError ?? (() => undefined));
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const reads = inlineReads(db);
  return opened(db, pool, { reads, offloadedReads: reads });
};

export interface OpenOptions {
  /** Called after every query Kysely runs (its `log`), e.g. to time it. */
  log?: (event: LogEvent) => void;
  /** Called after every read run outside Kysely's driver (`reads`, `offloadedReads` on SQLite). */
  observeRead?: ObserveRead;
  /** On PostgreSQL, called when an idle pooled connection fails (the next query reconnects). */
  onIdleConnectionError?: (error: Error) => void;
}

/** Opens the database the configuration names: the same queries and migrations run on both. */
export const openDatabase = (
  database: Config['database'],
  options: OpenOptions = {},
): OpenDatabase =>
  database.kind === 'sqlite'
    ? openSqlite(database.path, options)
    : openPostgres(database.url, options);
