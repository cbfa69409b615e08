import { expect } from 'vitest';
import { TokenResponseSchema, type TokenResponse } from '@shelf/contracts';
import type { Config } from '../src/config.js';
import type { Db } from '../src/db/database.js';
import type { Logger } from '../src/logger.js';
import { startTestApi, type TestClock } from '../src/testing/index.js';
import { contractCheckedRequest, type ContractCheckedRequest } from './contract-checked-request.js';

export { createTestDatabase, TEST_DATABASE_KIND, TEST_JWT_SECRET } from '../src/testing/index.js';

export interface TestServer {
  baseUrl: string;
  /** Pass as DATABASE_URL to start another instance on the same database. */
  databaseUrl: string;
  /** The config parsed from the environment (before start-up resolved the JWT secret, say). */
  config: Config;
  db: Db;
  /** The server's clock: `clock.advance(ms)` expires tokens and grace windows without a sleep. */
  clock: TestClock;
  /** supertest bound to the running server's URL; every response is checked against the contract. */
  request: () => ContractCheckedRequest;
  close(): Promise<void>;
}

/**
 * The real app on an ephemeral loopback port with its own database, migrated and (unless told
 * otherwise) empty: startTestApi from `src/testing`, which the SDK and contract suites share, plus a
 * contract-checked supertest. `env` overrides the environment the config is parsed from.
 */
export const startTestServer = async (
  env: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<TestServer> => {
  const running = await startTestApi({
    env: { SEED_DEMO_DATA: 'false', CORS_ORIGINS: 'http://localhost:5173', ...env },
    ...options,
  });
  return {
    baseUrl: running.url,
    databaseUrl: running.databaseUrl,
    config: running.envConfig,
    db: running.db,
    clock: running.clock,
    request: () => contractCheckedRequest(running.url),
    close: () => running.stop(),
  };
};

/**
 * Two instances of the API on one database, as behind a load balancer: each has its own in-process
 * caches and clock. `env` applies to both. Stop them with `closeServers(first, second)`.
 */
export const startTwoInstances = async (
  env: Record<string, string> = {},
): Promise<[TestServer, TestServer]> => {
  const first = await startTestServer(env);
  try {
    return [first, await startTestServer({ ...env, DATABASE_URL: first.databaseUrl })];
  } catch (error) {
    await first.close();
    throw error;
  }
};

/**
 * Closes `servers`, the last started first (another instance on a server's database goes before
 * it). One that never started (its `beforeAll` failed, which already fails the suite) is passed over.
 */
export const closeServers = async (...servers: (TestServer | undefined)[]): Promise<void> => {
  for (const server of servers.reverse()) await server?.close();
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
    auth: bearer(body.access_token),
  };
};

/** The Authorization header that presents `accessToken`. */
export const bearer = (accessToken: string) => ({ Authorization: `Bearer ${accessToken}` });

/** The Authorization header of HTTP Basic credentials: `user`'s, with another password if given. */
export const basicAuth = (
  user: { username: string; password: string },
  password = user.password,
) => ({
  Authorization: `Basic ${Buffer.from(`${user.username}:${password}`).toString('base64')}`,
});

/** POST /auth/login as `user`, with their password unless told another; the test checks the answer. */
export const login = (
  server: TestServer,
  user: { username: string; password: string },
  password = user.password,
) => server.request().post('/auth/login').send({ username: user.username, password });

/** Logs in an existing account (e.g. a demo user) and returns the Authorization header. */
export const loginAs = async (server: TestServer, username: string, password: string) => {
  const response = await login(server, { username, password }).expect(200);
  return bearer((response.body as { access_token: string }).access_token);
};

/** A response as the problem assertions read it. */
export interface ResponseLike {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Asserts an RFC 9457 problem body and returns it. */
export const expectProblem = (response: ResponseLike, status: number, code: string) => {
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

/**
 * Asserts a 400 validation-failed problem and returns its field errors: each message by the path of
 * its field (`body.title`, say).
 */
export const fieldErrorsOf = (response: ResponseLike): Record<string, string> => {
  const problem = expectProblem(response, 400, 'validation-failed');
  return Object.fromEntries((problem.errors ?? []).map((error) => [error.path, error.message]));
};

/**
 * Asserts the 401 invalid-token problem of a refused access token (revoked, expired, of a deleted or
 * disabled account), with a Bearer challenge saying `error="invalid_token"`. Returns the problem.
 */
export const expectInvalidToken = (response: ResponseLike) => {
  const problem = expectProblem(response, 401, 'invalid-token');
  expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
  return problem;
};

/**
 * Asserts a session as login answers it: the token body (default lifetimes), `no-store`, and the
 * refresh token in the HttpOnly, SameSite=Strict cookie scoped to /auth. Returns the tokens.
 */
export const expectSessionResponse = (response: {
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}): TokenResponse => {
  const tokens = TokenResponseSchema.strict().parse(response.body);
  expect(tokens).toMatchObject({
    token_type: 'Bearer',
    expires_in: 900,
    refresh_expires_in: 30 * 24 * 3600,
  });
  expect(response.headers['cache-control']).toBe('no-store');
  const cookie = String(response.headers['set-cookie']);
  expect(cookie).toContain(`shelf_refresh_token=${tokens.refresh_token}`);
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  expect(cookie).toMatch(/Path=\/auth/);
  return tokens;
};
