import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { startServer, type RunningServer } from '../start-server.js';
import type { OutgoingMail } from '../mail/mailer.js';
import { createRecordingMailer } from './recording-mailer.js';
import { createTestClock, type TestClock } from './test-clock.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-bytes-long!';

/** Which database test servers run against: PostgreSQL when TEST_DATABASE_URL names one. */
export const TEST_DATABASE_KIND: 'sqlite' | 'postgres' =
  process.env.TEST_DATABASE_URL === undefined || process.env.TEST_DATABASE_URL === ''
    ? 'sqlite'
    : 'postgres';

/**
 * Where a test server keeps its data: a fresh SQLite file in a temporary directory, or, when
 * TEST_DATABASE_URL names a PostgreSQL database, a fresh schema in it (so suites run side by side).
 * `drop()` removes either.
 */
export const createTestDatabase = async (): Promise<{ url: string; drop(): Promise<void> }> => {
  const postgresUrl = process.env.TEST_DATABASE_URL;
  if (TEST_DATABASE_KIND === 'sqlite' || postgresUrl === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'shelf-test-'));
    return {
      url: `sqlite:${join(dir, 'shelf.db')}`,
      drop: () => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const schema = `shelf_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const cleaner = new pg.Client({ connectionString: postgresUrl });
      await cleaner.connect();
      await cleaner.query(`drop schema ${schema} cascade`);
      await cleaner.end();
    },
  };
};

/** A Shelf API started by a test, with the database and clock it owns. */
export interface TestApi extends RunningServer {
  /** Pass as DATABASE_URL to start another instance on the same database. */
  databaseUrl: string;
  /**
   * The config as parsed from the environment, before start-up resolved anything in it (`config`
   * holds, for one, the JWT secret read from the database when JWT_SECRET is empty).
   */
  envConfig: Config;
  /** The server's clock: move it forward to expire tokens and grace windows without waiting. */
  clock: TestClock;
  /** With `recordMail`, every email the server sent (password reset, verification), oldest first. */
  mails: OutgoingMail[];
  /** Closes the server, then removes its database (unless it was shared in through DATABASE_URL). */
  stop(): Promise<void>;
}

export interface TestApiOptions {
  /** Overrides the environment the config is parsed from (the test defaults below). */
  env?: Record<string, string>;
  /** Where logs go; by default a logger at LOG_LEVEL (silent unless `env` says otherwise). */
  logger?: Logger;
  /** The server's clock; a fresh `createTestClock()` by default. */
  clock?: TestClock;
  /** Keep the emails the server sends in `mails` instead of sending or logging them. */
  recordMail?: boolean;
}

/**
 * The real API in this process on an ephemeral loopback port, migrated, with a database of its own
 * (see createTestDatabase) unless `env.DATABASE_URL` shares another's. The one way the API, SDK and
 * contract suites start the server.
 *
 * @example
 * const api = await startTestApi({ env: { ACCESS_TOKEN_TTL: '3' } });
 * api.clock.advance(3_100);
 * await api.stop();
 */
export const startTestApi = async ({
  env = {},
  logger,
  clock = createTestClock(),
  recordMail = false,
}: TestApiOptions = {}): Promise<TestApi> => {
  const recorder = recordMail ? createRecordingMailer() : undefined;
  const shared = env.DATABASE_URL;
  const database =
    shared === undefined
      ? await createTestDatabase()
      : { url: shared, drop: () => Promise.resolve() };
  try {
    const config = parseConfig({
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: database.url,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      LOGIN_RATE_LIMIT: '1000',
      // Suites send many anonymous requests from 127.0.0.1; a suite about the limit sets its own.
      API_RATE_LIMIT: '1000000',
      ...env,
    });
    const running = await startServer({
      config,
      logger: logger ?? createLogger(config.logLevel),
      clock,
      mailer: recorder,
    });
    return {
      ...running,
      databaseUrl: database.url,
      envConfig: config,
      clock,
      mails: recorder?.mails ?? [],
      async stop() {
        try {
          await running.close(1000);
        } finally {
          await database.drop();
        }
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
};
