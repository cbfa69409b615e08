import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseConfig, type Config } from '../src/config.js';
import type { Db } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { startServer } from '../src/start-server.js';
import { contractCheckedRequest, type ContractCheckedRequest } from './contract-checked-request.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-bytes-long!';

export interface TestServer {
  baseUrl: string;
  /** Pass as DATABASE_URL to start another instance on the same database. */
  databaseUrl: string;
  config: Config;
  db: Db;
  /** supertest bound to the running server's URL; every response is checked against the contract. */
  request: () => ContractCheckedRequest;
  close(): Promise<void>;
}

/**
 * Where a test server keeps its data: a fresh SQLite file, or, when TEST_DATABASE_URL names a
 * PostgreSQL database, a fresh schema in it (so suites run side by side and leave nothing behind).
 */
export const createTestDatabase = async (): Promise<{ url: string; drop(): Promise<void> }> => {
  const postgresUrl = process.env.TEST_DATABASE_URL;
  if (postgresUrl === undefined || postgresUrl === '') {
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

/** Which database the component suites run against, for test titles and logs. */
export const TEST_DATABASE_KIND =
  process.env.TEST_DATABASE_URL === undefined || process.env.TEST_DATABASE_URL === ''
    ? 'sqlite'
    : 'postgres';

/**
 * The real app on an ephemeral loopback port with its own database, migrated and (unless told
 * otherwise) empty. `env` overrides the environment the config is parsed from.
 */
export const startTestServer = async (env: Record<string, string> = {}): Promise<TestServer> => {
  const shared = env.DATABASE_URL;
  const database =
    shared === undefined
      ? await createTestDatabase()
      : { url: shared, drop: () => Promise.resolve() };
  const config = parseConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: database.url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '1000',
    // Suites send many anonymous requests from 127.0.0.1; api-rate-limit.test.ts sets its own.
    API_RATE_LIMIT: '1000000',
    SEED_DEMO_DATA: 'false',
    CORS_ORIGINS: 'http://localhost:5173',
    ...env,
  });
  const running = await startServer({ config, logger: createLogger(config.logLevel) }).catch(
    async (error: unknown) => {
      await database.drop();
      throw error;
    },
  );
  return {
    baseUrl: running.url,
    databaseUrl: database.url,
    config,
    db: running.db,
    request: () => contractCheckedRequest(running.url),
    async close() {
      await running.close(1000).catch(() => undefined);
      await database.drop();
    },
  };
};

let userCounter = 0;

/** A fresh username, unique within the test run. */
export const uniqueUsername = (prefix = 'user') => `${prefix}_${process.pid}_${++userCounter}`;

export interface TestUser {
  id: string;
  username: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

/** Registers a user through the API and logs them in; returns their tokens. */
export const createUser = async (server: TestServer, prefix = 'user'): Promise<TestUser> => {
  const username = uniqueUsername(prefix);
  const password = 'correct horse battery';
  const registered = await server
    .request()
    .post('/auth/register')
    .send({ username, password })
    .expect(201);
  const login = await server.request().post('/auth/login').send({ username, password }).expect(200);
  const body = login.body as { access_token: string; refresh_token: string };
  return {
    id: (registered.body as { id: string }).id,
    username,
    password,
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    auth: { Authorization: `Bearer ${body.access_token}` },
  };
};

/** Logs in an existing account (e.g. a demo user) and returns the Authorization header. */
export const loginAs = async (server: TestServer, username: string, password: string) => {
  const login = await server.request().post('/auth/login').send({ username, password }).expect(200);
  return { Authorization: `Bearer ${(login.body as { access_token: string }).access_token}` };
};

/** Asserts an RFC 9457 problem body and returns it. */
export const expectProblem = (
  response: { status: number; headers: Record<string, string>; body: unknown },
  status: number,
  code: string,
) => {
  const body = response.body as Record<string, unknown>;
  if (
    response.status !== status ||
    !String(response.headers['content-type']).startsWith('application/problem+json')
  ) {
    throw new Error(
      `expected a ${status} problem+json, got ${response.status} ${response.headers['content-type'] ?? ''}: ${JSON.stringify(body)}`,
    );
  }
  if (body.code !== code || body.type !== `urn:shelf:problem:${code}` || body.status !== status) {
    throw new Error(`expected problem ${code}, got ${JSON.stringify(body)}`);
  }
  if (typeof body.title !== 'string' || typeof body.detail !== 'string') {
    throw new Error(`problem lacks title or detail: ${JSON.stringify(body)}`);
  }
  return body as { detail: string; errors?: { path: string; message: string }[]; error?: string };
};
