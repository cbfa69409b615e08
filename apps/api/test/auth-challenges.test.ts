import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserSchema } from '@shelf/contracts';
import { sendFrom, type RawRequest } from './send-from.js';
import {
  basicAuth,
  createUser,
  expectProblem,
  startTestServer,
  type TestServer,
} from './test-server.js';

const BEARER = 'Bearer realm="shelf"';
const INVALID_TOKEN = 'Bearer realm="shelf", error="invalid_token"';
const BASIC = 'Basic realm="shelf", charset="UTF-8"';
const METRICS_TOKEN = 'metrics-token-for-challenge-tests';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ METRICS_ENABLED: 'true', METRICS_TOKEN });
});
afterAll(async () => {
  await server.close();
});

/** The WWW-Authenticate header fields of the answer, one item per field line. */
const challengesOf = async (request: RawRequest) => {
  const reply = await sendFrom(server.baseUrl, '127.0.0.1', request);
  expect(reply.status).toBe(401);
  return reply.headerFields['www-authenticate'] ?? [];
};

describe('WWW-Authenticate on protected routes', () => {
  it('challenges scripts and navigations with Bearer and Basic, one field each', async () => {
    expect(await challengesOf({ path: '/api/me' })).toEqual([BEARER, BASIC]);
    expect(
      await challengesOf({ path: '/api/books', headers: { 'Sec-Fetch-Mode': 'navigate' } }),
    ).toEqual([BEARER, BASIC]);
  });

  it('leaves Basic out for page scripts (Sec-Fetch-Mode other than navigate): no login dialog', async () => {
    for (const mode of ['cors', 'no-cors', 'same-origin']) {
      expect(await challengesOf({ path: '/api/me', headers: { 'Sec-Fetch-Mode': mode } })).toEqual([
        BEARER,
      ]);
    }
  });

  it('says invalid_token for a bad token, with Basic only outside page scripts', async () => {
    const headers = { Authorization: 'Bearer not.a.jwt' };
    expect(await challengesOf({ path: '/api/me', headers })).toEqual([INVALID_TOKEN, BASIC]);
    expect(
      await challengesOf({ path: '/api/me', headers: { ...headers, 'Sec-Fetch-Mode': 'cors' } }),
    ).toEqual([INVALID_TOKEN]);
  });

  it('challenges wrong Basic credentials with both schemes again', async () => {
    const user = await createUser(server);
    const headers = basicAuth(user, 'not the password');
    expect(await challengesOf({ path: '/api/me', headers })).toEqual([BEARER, BASIC]);
  });

  it('never offers Basic where it is not accepted: /auth/login and /metrics', async () => {
    expect(
      await challengesOf({
        method: 'POST',
        path: '/auth/login',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'nobody-at-all', password: 'whatever1' }),
      }),
    ).toEqual([BEARER]);
    expect(await challengesOf({ path: '/metrics' })).toEqual([BEARER]);
  });

  it('is what supertest and fetch show as one comma-joined header', async () => {
    const response = await server.request().get('/api/me');
    expectProblem(response, 401, 'unauthenticated');
    expect(response.headers['www-authenticate']).toBe(`${BEARER}, ${BASIC}`);
  });
});

const curl = spawnSync('curl', ['--version'], { encoding: 'utf8' });
const hasCurl = curl.status === 0;
if (!hasCurl) {
  process.stderr.write(
    '\n*** auth-challenges.test.ts: curl is not installed, so the `curl --anyauth` test is SKIPPED. ' +
      'Install curl to run it. ***\n',
  );
}

describe.skipIf(!hasCurl)('curl --anyauth (SKIPPED when curl is missing)', () => {
  /** curl in a child process, asynchronously: the server answers from this test's event loop. */
  const runCurl = (args: string[]) =>
    promisify(execFile)(
      'curl',
      ['--silent', '--show-error', '--write-out', '\n%{http_code}', ...args],
      { encoding: 'utf8', timeout: 10_000 },
    );

  it('finds Basic in the challenge and gets /api/me with -u user:password', async () => {
    const user = await createUser(server);
    const result = await runCurl([
      '--anyauth',
      '-u',
      `${user.username}:${user.password}`,
      `${server.baseUrl}/api/me`,
    ]);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines.at(-1)).toBe('200');
    const me = UserSchema.parse(JSON.parse(lines.slice(0, -1).join('\n')));
    expect(me.username).toBe(user.username);
  });

  it('stops at the 401 with a wrong password', async () => {
    const user = await createUser(server);
    const result = await runCurl([
      '--anyauth',
      '-u',
      `${user.username}:wrong-password`,
      `${server.baseUrl}/api/me`,
    ]);
    expect(result.stdout.split('\n').at(-1)).toBe('401');
  });
});
