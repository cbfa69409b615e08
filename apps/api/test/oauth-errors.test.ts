import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOAuthError } from './expect-oauth-error.js';
import { freshIp, sendFrom } from './send-from.js';
import { createUser, startTestServer, TEST_DATABASE_KIND, type TestServer } from './test-server.js';

/** LOGIN_RATE_LIMIT here: the 4th wrong password for one username from one IP is refused. */
const LOGIN_LIMIT = 3;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ LOGIN_RATE_LIMIT: String(LOGIN_LIMIT) });
});
afterAll(async () => {
  await server.close();
});

const tokenRequest = () => server.request().post('/auth/token').type('form');

describe(`POST /auth/token errors are RFC 6749 §5.2 (${TEST_DATABASE_KIND})`, () => {
  it('answers a missing grant_type with 400 invalid_request', async () => {
    const response = await tokenRequest().send({ username: 'someone', password: 'whatever1' });
    expect(expectOAuthError(response, 400, 'invalid_request').error_description).toMatch(
      /^Invalid request: body\.grant_type /,
    );
    expect(response.headers.pragma).toBe('no-cache');
  });

  it('answers a missing parameter of a known grant with 400 invalid_request', async () => {
    const response = await tokenRequest().send({ grant_type: 'password', username: 'someone' });
    expect(expectOAuthError(response, 400, 'invalid_request').error_description).toContain(
      'body.password',
    );
  });

  it('answers a grant type it does not support with 400 unsupported_grant_type', async () => {
    const response = await tokenRequest().send({ grant_type: 'client_credentials' });
    expectOAuthError(response, 400, 'unsupported_grant_type');
  });

  it('answers a wrong password or refresh token with 400 invalid_grant', async () => {
    const user = await createUser(server);
    const wrongPassword = await tokenRequest().send({
      grant_type: 'password',
      username: user.username,
      password: 'not the password',
    });
    expect(expectOAuthError(wrongPassword, 400, 'invalid_grant')).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid username or password',
    });
    const wrongRefresh = await tokenRequest().send({
      grant_type: 'refresh_token',
      refresh_token: 'not-a-refresh-token',
    });
    expect(expectOAuthError(wrongRefresh, 400, 'invalid_grant').error_description).toBe(
      'Invalid, expired or revoked refresh token',
    );
  });

  it('answers a body over 100 KB with 413 invalid_request', async () => {
    const response = await tokenRequest().send(
      new URLSearchParams({ grant_type: 'password', username: 'x'.repeat(110_000) }).toString(),
    );
    expect(expectOAuthError(response, 413, 'invalid_request').error_description).toBe(
      'The request body is larger than 100 KB',
    );
  });

  it('answers a body that is not a form with 415 invalid_request', async () => {
    const response = await server
      .request()
      .post('/auth/token')
      .send({ grant_type: 'password', username: 'someone', password: 'whatever1' });
    expectOAuthError(response, 415, 'invalid_request');
  });

  it('answers too many wrong passwords with 429 invalid_request, Retry-After and a description saying so', async () => {
    const user = await createUser(server);
    const from = freshIp();
    const form = new URLSearchParams({
      grant_type: 'password',
      username: user.username,
      password: 'not the password',
    }).toString();
    const attempt = () =>
      sendFrom(server.baseUrl, from, {
        method: 'POST',
        path: '/auth/token',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form,
      });
    for (let failure = 0; failure < LOGIN_LIMIT; failure++) {
      expectOAuthError(await attempt(), 400, 'invalid_grant');
    }
    const refused = await attempt();
    const body = expectOAuthError(refused, 429, 'invalid_request');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(body.error_description).toContain(`retry after ${retryAfter} seconds`);
    expect(body.error_description).toContain('Retry-After');
  });

  it('keeps problem+json everywhere else: /auth/login', async () => {
    const response = await server
      .request()
      .post('/auth/login')
      .send({ username: 'nobody-at-all', password: 'whatever1' });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
