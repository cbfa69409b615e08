import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_WAITING_PASSWORD_CHECKS } from '../src/features/auth/password-checks-busy.js';
import { expectOAuthError } from './expect-oauth-error.js';
import { json, sendFrom, type RawReply, type RawRequest } from './send-from.js';
import {
  basicAuth,
  createUser,
  expectProblem,
  startTestServer,
  type TestServer,
  type TestUser,
} from './test-server.js';

/** Sent at once: more than can wait, plus the one being checked, so some must be refused. */
const BURST = MAX_WAITING_PASSWORD_CHECKS + 36;

/** The credential limit as deployed (5 failures a minute per username and IP): refusals must not spend it. */
let limited: TestServer;
/** No credential limit in reach, so a burst of wrong Basic passwords reaches the hashing thread. */
let unlimited: TestServer;
let user: TestUser;
let basicUser: TestUser;

beforeAll(async () => {
  // The general API rate limit out of reach: this is about the queue, not the limits in front of it.
  limited = await startTestServer({ LOGIN_RATE_LIMIT: '5', API_RATE_LIMIT: '1000000' });
  unlimited = await startTestServer({ LOGIN_RATE_LIMIT: '1000000', API_RATE_LIMIT: '1000000' });
  user = await createUser(limited, 'queue');
  basicUser = await createUser(unlimited, 'queue');
});
afterAll(async () => {
  await limited.close();
  await unlimited.close();
});

const burst = (server: TestServer, request: (n: number) => RawRequest): Promise<RawReply[]> =>
  Promise.all(
    Array.from({ length: BURST }, (_, n) => sendFrom(server.baseUrl, '127.0.0.1', request(n))),
  );

const statusesOf = (replies: RawReply[]) => [...new Set(replies.map((reply) => reply.status))];

const login = (password = user.password) => ({
  method: 'POST',
  path: '/auth/login',
  ...json({ username: user.username, password }),
});

describe('password checks waiting in one process', () => {
  it(`refuse a login past ${MAX_WAITING_PASSWORD_CHECKS} waiting with a 503 and Retry-After, and serve the rest`, async () => {
    const replies = await burst(limited, () => login());

    expect(statusesOf(replies).sort()).toEqual([200, 503]);
    for (const reply of replies.filter((each) => each.status === 503)) {
      expectProblem(reply, 503, 'password-checks-busy');
      expect(reply.headers['retry-after']).toBe('1');
    }
    for (const reply of replies.filter((each) => each.status === 200)) {
      expect(reply.body).toMatchObject({ token_type: 'Bearer' });
    }
    // The queue drained, and the dozens of refusals spent nothing of the 5 failures a minute: a
    // wrong password is still a plain 401, not a 429, and the right one gets in.
    const wrong = await sendFrom(limited.baseUrl, '127.0.0.1', login('not the password'));
    expectProblem(wrong, 401, 'invalid-credentials');
    const right = await sendFrom(limited.baseUrl, '127.0.0.1', login());
    expect(right.status).toBe(200);
  });

  it('refuse a password grant at the token endpoint as RFC 6749 temporarily_unavailable', async () => {
    const replies = await burst(limited, () => ({
      method: 'POST',
      path: '/auth/token',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        username: user.username,
        password: user.password,
      }).toString(),
    }));

    expect(statusesOf(replies).sort()).toEqual([200, 503]);
    for (const reply of replies.filter((each) => each.status === 503)) {
      const error = expectOAuthError(reply, 503, 'temporarily_unavailable');
      expect(error.error_description).toContain('password checks');
      expect(reply.headers['retry-after']).toBe('1');
    }
  });

  it('refuse HTTP Basic past the hashing queue the same way, and accept it once it drains', async () => {
    // Distinct wrong passwords: each must be hashed, none is shared or remembered.
    const replies = await burst(unlimited, (n) => ({
      path: '/api/me',
      headers: basicAuth(basicUser, `wrong password ${n}`),
    }));

    expect(statusesOf(replies).sort()).toEqual([401, 503]);
    for (const reply of replies.filter((each) => each.status === 503)) {
      expectProblem(reply, 503, 'password-checks-busy');
      expect(reply.headers['retry-after']).toBe('1');
    }
    const after = await sendFrom(unlimited.baseUrl, '127.0.0.1', {
      path: '/api/me',
      headers: basicAuth(basicUser),
    });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ username: basicUser.username });
  });
});
