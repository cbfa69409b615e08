import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_API_RATE_LIMIT, parseConfig } from '../src/config.js';
import { freshIp, json, sendFrom, type RawReply, type RawRequest } from './send-from.js';
import {
  basicAuth,
  bearer,
  expectProblem,
  startTestServer,
  TEST_DATABASE_KIND,
  uniqueUsername,
  type TestServer,
} from './test-server.js';

/** API_RATE_LIMIT here: five requests a minute per user, or per client IP when anonymous. */
const LIMIT = 5;
const PASSWORD = 'correct horse battery';
const ORIGIN = 'http://localhost:5173';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ API_RATE_LIMIT: String(LIMIT) });
});
afterAll(async () => {
  await server.close();
});

const send = (from: string, request: RawRequest) => sendFrom(server.baseUrl, from, request);

/** The RateLimit fields of a response, as numbers (NaN when missing). */
const rateLimitOf = (reply: RawReply) => ({
  limit: Number(reply.headers['ratelimit-limit']),
  remaining: Number(reply.headers['ratelimit-remaining']),
  reset: Number(reply.headers['ratelimit-reset']),
});

const expectRateLimit = (reply: RawReply, remaining: number) => {
  const fields = rateLimitOf(reply);
  expect(fields.limit).toBe(LIMIT);
  expect(fields.remaining).toBe(remaining);
  expect(fields.reset).toBeGreaterThanOrEqual(1);
  expect(fields.reset).toBeLessThanOrEqual(60);
};

/**
 * A new account with an access token, registered and logged in from an address of its own (two of
 * that address's five anonymous requests), so no test's user spends another's IP budget.
 */
const createUser = async () => {
  const from = freshIp();
  const username = uniqueUsername('limited');
  const registered = await send(from, {
    method: 'POST',
    path: '/auth/register',
    ...json({ username, password: PASSWORD }),
  });
  expect(registered.status).toBe(201);
  const login = await send(from, {
    method: 'POST',
    path: '/auth/login',
    ...json({ username, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const { access_token: accessToken } = login.body as { access_token: string };
  return {
    id: (registered.body as { id: string }).id,
    username,
    auth: bearer(accessToken),
  };
};

const expectTooManyRequests = (reply: RawReply) => {
  const problem = expectProblem(reply, 429, 'too-many-requests');
  expect(problem.detail).toContain(`at most ${LIMIT} a minute`);
  expectRateLimit(reply, 0);
  expect(reply.headers['retry-after']).toBe(reply.headers['ratelimit-reset']);
  expect(reply.headers['cache-control']).toBe('no-store');
};

describe(`API_RATE_LIMIT (${TEST_DATABASE_KIND})`, () => {
  it('sends RateLimit-Limit, -Remaining and -Reset on successes, counting down per request', async () => {
    const user = await createUser();
    const from = freshIp();
    const first = await send(from, { path: '/api/me', headers: user.auth });
    expect(first.status).toBe(200);
    expectRateLimit(first, LIMIT - 1);
    const second = await send(from, { path: '/api/books', headers: user.auth });
    expect(second.status).toBe(200);
    expectRateLimit(second, LIMIT - 2);
    expect(rateLimitOf(second).reset).toBeLessThanOrEqual(rateLimitOf(first).reset);
  });

  it('sends them on error responses too: 401, 404, 405, 400, 415 and an unknown path', async () => {
    const user = await createUser();
    const userFrom = freshIp();
    const notFound = await send(userFrom, {
      path: '/api/books/00000000-0000-4000-8000-000000000000',
      headers: user.auth,
    });
    expectProblem(notFound, 404, 'book-not-found');
    expectRateLimit(notFound, LIMIT - 1);
    const invalid = await send(userFrom, { path: '/api/books?limit=0', headers: user.auth });
    expectProblem(invalid, 400, 'validation-failed');
    expectRateLimit(invalid, LIMIT - 2);

    const anonymous = freshIp();
    const unauthenticated = await send(anonymous, { path: '/api/me' });
    expectProblem(unauthenticated, 401, 'unauthenticated');
    expectRateLimit(unauthenticated, LIMIT - 1);
    const unknownPath = await send(anonymous, { path: '/no/such/path' });
    expect(unknownPath.status).toBe(404);
    expectRateLimit(unknownPath, LIMIT - 2);
    const wrongMethod = await send(anonymous, { method: 'DELETE', path: '/health' });
    expect(wrongMethod.status).toBe(405);
    expectRateLimit(wrongMethod, LIMIT - 3);
    const wrongType = await send(anonymous, {
      method: 'POST',
      path: '/auth/login',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    expectProblem(wrongType, 415, 'unsupported-media-type');
    expectRateLimit(wrongType, LIMIT - 4);
  });

  it('counts every route, public ones and those outside the contract (/health, /openapi.json, /docs)', async () => {
    const from = freshIp();
    const replies = [
      await send(from, { path: '/health' }),
      await send(from, { path: '/health/ready' }),
      await send(from, { path: '/openapi.json' }),
      await send(from, { path: '/docs/' }),
    ];
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200]);
    expect(replies.map((reply) => rateLimitOf(reply).remaining)).toEqual([4, 3, 2, 1]);
  });

  it('gives each user a budget of their own, whatever IP they share', async () => {
    const [alice, bob] = [await createUser(), await createUser()];
    const office = freshIp();
    for (let request = 1; request <= LIMIT; request++) {
      const reply = await send(office, { path: '/api/me', headers: alice.auth });
      expect(reply.status).toBe(200);
      expectRateLimit(reply, LIMIT - request);
    }
    expectTooManyRequests(await send(office, { path: '/api/me', headers: alice.auth }));
    // Alice is refused from any address; Bob, from hers, is not.
    expectTooManyRequests(await send(freshIp(), { path: '/api/books', headers: alice.auth }));
    const bobsFirst = await send(office, { path: '/api/me', headers: bob.auth });
    expect(bobsFirst.status).toBe(200);
    expectRateLimit(bobsFirst, LIMIT - 1);
    // An anonymous request from that address spends the address's budget, untouched so far.
    expectRateLimit(await send(office, { path: '/health' }), LIMIT - 1);
  });

  it('counts HTTP Basic requests against the user, like Bearer ones', async () => {
    const user = await createUser();
    const basic = basicAuth({ username: user.username, password: PASSWORD });
    const viaBearer = await send(freshIp(), { path: '/api/me', headers: user.auth });
    expectRateLimit(viaBearer, LIMIT - 1);
    const viaBasic = await send(freshIp(), { path: '/api/me', headers: basic });
    expect(viaBasic.status).toBe(200);
    expectRateLimit(viaBasic, LIMIT - 2);
  });

  it('counts a forged token against its client IP, never against the user it names', async () => {
    const victim = await createUser();
    const forged = jwt.sign(
      { typ: 'access', username: victim.username, role: 'admin', token_version: 0 },
      'not-the-server-secret-but-32-bytes-or-more',
      { subject: victim.id, issuer: 'shelf', audience: 'shelf-api', expiresIn: 900 },
    );
    const attacker = freshIp();
    for (let request = 1; request <= LIMIT; request++) {
      const reply = await send(attacker, {
        path: '/api/me',
        headers: { Authorization: `Bearer ${forged}` },
      });
      expectProblem(reply, 401, 'invalid-token');
      expectRateLimit(reply, LIMIT - request);
    }
    const refused = await send(attacker, {
      path: '/api/me',
      headers: { Authorization: `Bearer ${forged}` },
    });
    expectTooManyRequests(refused);
    expect(refused.headers['www-authenticate']).toBeUndefined();
    // The attacker's address is spent for anonymous requests as well...
    expectTooManyRequests(await send(attacker, { path: '/health' }));
    // ...while the victim's budget is whole, even from that address.
    const victims = await send(attacker, { path: '/api/me', headers: victim.auth });
    expect(victims.status).toBe(200);
    expectRateLimit(victims, LIMIT - 1);
  });

  it('counts anonymous requests per client IP: one address spent, another untouched', async () => {
    const [busy, quiet] = [freshIp(), freshIp()];
    for (let request = 1; request <= LIMIT; request++) {
      expectRateLimit(await send(busy, { path: '/health' }), LIMIT - request);
    }
    const refused = await send(busy, { path: '/health' });
    expectTooManyRequests(refused);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expectTooManyRequests(
      await send(busy, {
        method: 'POST',
        path: '/auth/login',
        ...json({ username: 'a', password: 'b' }),
      }),
    );
    const other = await send(quiet, { path: '/health' });
    expect(other.status).toBe(200);
    expectRateLimit(other, LIMIT - 1);
    // 127.0.0.2 is a different client from 127.0.0.1 too (the requests of other suites).
    expect(rateLimitOf(await send('127.0.0.2', { path: '/health' })).remaining).toBe(LIMIT - 1);
  });

  it('answers /auth/token over the limit with an OAuth2 invalid_request and Retry-After', async () => {
    const from = freshIp();
    const form = {
      method: 'POST',
      path: '/auth/token',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'nope' }).toString(),
    };
    for (let request = 1; request <= LIMIT; request++) {
      const reply = await send(from, form);
      expect(reply.status).toBe(400);
      expectRateLimit(reply, LIMIT - request);
    }
    const refused = await send(from, form);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    expect(refused.headers['retry-after']).toBe(refused.headers['ratelimit-reset']);
    const body = refused.body as { error: string; error_description: string };
    expect(body.error).toBe('invalid_request');
    expect(body.error_description).toContain(
      `retry after ${refused.headers['retry-after'] ?? ''} seconds`,
    );
  });

  it('lets browsers read the RateLimit fields and every other header a client needs (CORS)', async () => {
    const reply = await send(freshIp(), { path: '/health', headers: { Origin: ORIGIN } });
    expect(reply.headers['access-control-allow-origin']).toBe(ORIGIN);
    const exposed = (reply.headers['access-control-expose-headers'] ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase());
    expect(exposed).toEqual(
      expect.arrayContaining([
        'ratelimit-limit',
        'ratelimit-remaining',
        'ratelimit-reset',
        'retry-after',
        'etag',
        'location',
        'x-request-id',
        'idempotent-replayed',
        'www-authenticate',
      ]),
    );
  });
});

describe('API_RATE_LIMIT=0', () => {
  let unlimited: TestServer;
  beforeAll(async () => {
    unlimited = await startTestServer({ API_RATE_LIMIT: '0' });
  });
  afterAll(async () => {
    await unlimited.close();
  });

  it('counts nothing and sends no RateLimit fields', async () => {
    const from = freshIp();
    for (let request = 0; request <= LIMIT; request++) {
      const reply = await sendFrom(unlimited.baseUrl, from, { path: '/health' });
      expect(reply.status).toBe(200);
      expect(reply.headers['ratelimit-limit']).toBeUndefined();
      expect(reply.headers['ratelimit-remaining']).toBeUndefined();
    }
  });
});

describe('API_RATE_LIMIT configuration', () => {
  const parse = (value?: string) =>
    parseConfig({ NODE_ENV: 'test', ...(value === undefined ? {} : { API_RATE_LIMIT: value }) });

  it('defaults to 600 a minute and takes 0 (off) up to the benchmark’s 1,000,000,000', () => {
    expect(parse().apiRateLimitPerMinute).toBe(600);
    expect(parse('0').apiRateLimitPerMinute).toBe(0);
    expect(parse('1000000000').apiRateLimitPerMinute).toBe(MAX_API_RATE_LIMIT);
  });

  it('refuses a negative, fractional or larger value, naming the variable', () => {
    for (const value of ['-1', '2.5', String(MAX_API_RATE_LIMIT + 1), 'lots']) {
      expect(() => parse(value)).toThrow(/API_RATE_LIMIT/);
    }
  });
});
