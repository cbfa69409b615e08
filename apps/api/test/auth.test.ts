import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenResponseSchema, UserSchema } from '@shelf/contracts';
import { expectOAuthError } from './expect-oauth-error.js';
import {
  expectSessionResponse,
  createUser,
  expectProblem,
  fieldErrorsOf,
  startTestServer,
  TEST_JWT_SECRET,
  uniqueUsername,
  type TestServer,
} from './test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ REFRESH_REUSE_GRACE: '1' });
});
afterAll(async () => {
  await server.close();
});

describe('POST /auth/register', () => {
  it('creates a user with the user role and never returns the password', async () => {
    const username = uniqueUsername('reader');
    const response = await server
      .request()
      .post('/auth/register')
      .send({ username, password: 'long enough' });
    expect(response.status).toBe(201);
    const user = UserSchema.strict().parse(response.body);
    expect(user).toMatchObject({ username, role: 'user' });
    expect(JSON.stringify(response.body)).not.toContain('long enough');
  });

  it('stores the password as an argon2id hash', async () => {
    const username = uniqueUsername('hashed');
    await server
      .request()
      .post('/auth/register')
      .send({ username, password: 'long enough' })
      .expect(201);
    const row = await server.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('rejects a taken username with 409', async () => {
    const username = uniqueUsername('taken');
    await server
      .request()
      .post('/auth/register')
      .send({ username, password: 'long enough' })
      .expect(201);
    const response = await server
      .request()
      .post('/auth/register')
      .send({ username, password: 'other password' });
    expectProblem(response, 409, 'username-taken');
  });

  it('rejects invalid usernames and passwords with field errors', async () => {
    const response = await server
      .request()
      .post('/auth/register')
      .send({ username: 'No Spaces!', password: 'short' });
    const problem = expectProblem(response, 400, 'validation-failed');
    expect(problem.errors?.map((error) => error.path).sort()).toEqual([
      'body.password',
      'body.username',
    ]);
  });

  it('rejects a password over 128 characters', async () => {
    const response = await server
      .request()
      .post('/auth/register')
      .send({ username: uniqueUsername(), password: 'x'.repeat(129) });
    expect(expectProblem(response, 400, 'validation-failed').errors).toEqual([
      expect.objectContaining({ path: 'body.password' }),
    ]);
  });

  it('answers 403 when registration is disabled', async () => {
    const closed = await startTestServer({ ALLOW_REGISTRATION: 'false' });
    try {
      const response = await closed
        .request()
        .post('/auth/register')
        .send({ username: 'someone', password: 'long enough' });
      expectProblem(response, 403, 'registration-disabled');
    } finally {
      await closed.close();
    }
  });
});

describe('POST /auth/login', () => {
  it('returns a Bearer access token and a refresh token, and sets the HttpOnly cookie', async () => {
    const user = await createUser(server);
    const response = await server
      .request()
      .post('/auth/login')
      .send({ username: user.username, password: user.password });
    expect(response.status).toBe(200);
    const tokens = expectSessionResponse(response);

    const claims = jwt.verify(tokens.access_token, TEST_JWT_SECRET, {
      algorithms: ['HS256'],
    }) as jwt.JwtPayload;
    expect(claims).toMatchObject({
      sub: user.id,
      iss: 'shelf',
      aud: 'shelf-api',
      typ: 'access',
      role: 'user',
    });
    expect(claims.exp).toBe((claims.iat ?? 0) + 900);
  });

  it('answers an unknown username and a wrong password with the same 401 body', async () => {
    const user = await createUser(server);
    const unknown = await server
      .request()
      .post('/auth/login')
      .send({ username: 'nobody-at-all', password: 'whatever1' });
    const wrong = await server
      .request()
      .post('/auth/login')
      .send({ username: user.username, password: 'wrong password' });
    const unknownProblem = expectProblem(unknown, 401, 'invalid-credentials');
    expect(expectProblem(wrong, 401, 'invalid-credentials')).toEqual(unknownProblem);
    expect(unknown.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('rejects a body without a password with 400', async () => {
    const response = await server.request().post('/auth/login').send({ username: 'alice' });
    expect(expectProblem(response, 400, 'validation-failed').errors?.[0]?.path).toBe(
      'body.password',
    );
  });

  it('rejects a body that is not JSON with 415', async () => {
    const response = await server
      .request()
      .post('/auth/login')
      .type('text/plain')
      .send('username=alice');
    expectProblem(response, 415, 'unsupported-media-type');
  });

  it('rejects malformed JSON with 400', async () => {
    const response = await server
      .request()
      .post('/auth/login')
      .type('application/json')
      .send('{"username": ');
    expectProblem(response, 400, 'malformed-body');
  });
});

describe('POST /auth/token (OAuth2)', () => {
  it('grants tokens for the password grant sent as a form', async () => {
    const user = await createUser(server);
    const response = await server
      .request()
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'password', username: user.username, password: user.password });
    expect(response.status).toBe(200);
    expect(TokenResponseSchema.strict().parse(response.body).token_type).toBe('Bearer');
  });

  it('grants tokens for the refresh_token grant and rotates the refresh token', async () => {
    const user = await createUser(server);
    const response = await server
      .request()
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'refresh_token', refresh_token: user.refreshToken });
    expect(response.status).toBe(200);
    expect(TokenResponseSchema.parse(response.body).refresh_token).not.toBe(user.refreshToken);
  });

  // RFC 6749 §5.2 errors, not problem+json: OAuth2 clients read `error` (oauth-errors.test.ts has the rest).
  it('answers wrong credentials with a 400 invalid_grant OAuth2 error', async () => {
    const response = await server
      .request()
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'password', username: 'nobody-at-all', password: 'whatever1' });
    expect(expectOAuthError(response, 400, 'invalid_grant').error_description).toBe(
      'Invalid username or password',
    );
  });

  it('answers an unknown grant type with a 400 unsupported_grant_type OAuth2 error', async () => {
    const response = await server
      .request()
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'client_credentials' });
    expectOAuthError(response, 400, 'unsupported_grant_type');
  });

  it('rejects JSON with a 415 invalid_request OAuth2 error', async () => {
    const response = await server
      .request()
      .post('/auth/token')
      .send({ grant_type: 'password', username: 'a', password: 'b' });
    expect(expectOAuthError(response, 415, 'invalid_request').error_description).toBe(
      'Send the body as application/x-www-form-urlencoded',
    );
  });
});

describe('POST /auth/refresh', () => {
  it('rotates the refresh token and issues a working access token', async () => {
    const user = await createUser(server);
    const response = await server
      .request()
      .post('/auth/refresh')
      .send({ refresh_token: user.refreshToken });
    expect(response.status).toBe(200);
    const tokens = TokenResponseSchema.strict().parse(response.body);
    expect(tokens.refresh_token).not.toBe(user.refreshToken);
    const me = await server
      .request()
      .get('/api/me')
      .set('Authorization', `Bearer ${tokens.access_token}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: user.id, username: user.username });
  });

  it('accepts the refresh token from the HttpOnly cookie', async () => {
    const user = await createUser(server);
    const response = await server
      .request()
      .post('/auth/refresh')
      .set('Cookie', `shelf_refresh_token=${user.refreshToken}`);
    expect(response.status).toBe(200);
    const body = response.body as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    expect(body).not.toHaveProperty('refresh_token');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/shelf_refresh_token=[\w-]{43};/);
    expect(cookie).not.toContain(user.refreshToken);
  });

  it('logs out with the cookie alone', async () => {
    const user = await createUser(server);
    const cookie = `shelf_refresh_token=${user.refreshToken}`;
    await server.request().post('/auth/logout').set('Cookie', cookie).expect(204);
    const refresh = await server.request().post('/auth/refresh').set('Cookie', cookie);
    expectProblem(refresh, 401, 'invalid-refresh-token');
  });

  it('tolerates reuse of a rotated token within the grace window (concurrent tabs)', async () => {
    const user = await createUser(server);
    const [first, second] = await Promise.all([
      server.request().post('/auth/refresh').send({ refresh_token: user.refreshToken }),
      server.request().post('/auth/refresh').send({ refresh_token: user.refreshToken }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
  });

  it('rejects a refresh token reused after rotation and revokes its whole family', async () => {
    const user = await createUser(server);
    const rotated = await server
      .request()
      .post('/auth/refresh')
      .send({ refresh_token: user.refreshToken })
      .expect(200);
    const successor = (rotated.body as { refresh_token: string }).refresh_token;
    server.clock.advance(1_100);

    const reuse = await server
      .request()
      .post('/auth/refresh')
      .send({ refresh_token: user.refreshToken });
    expectProblem(reuse, 401, 'invalid-refresh-token');
    expect(reuse.headers['www-authenticate']).toMatch(/^Bearer/);

    const successorAfterRevocation = await server
      .request()
      .post('/auth/refresh')
      .send({ refresh_token: successor });
    expectProblem(successorAfterRevocation, 401, 'invalid-refresh-token');
  });

  it('rejects an unknown refresh token with 401', async () => {
    const response = await server
      .request()
      .post('/auth/refresh')
      .send({ refresh_token: 'not-a-token' });
    expectProblem(response, 401, 'invalid-refresh-token');
  });

  it('rejects an expired refresh token with 401', async () => {
    const shortLived = await startTestServer({ REFRESH_TOKEN_TTL: '1' });
    try {
      const user = await createUser(shortLived);
      shortLived.clock.advance(1_100);
      const response = await shortLived
        .request()
        .post('/auth/refresh')
        .send({ refresh_token: user.refreshToken });
      expectProblem(response, 401, 'invalid-refresh-token');
    } finally {
      await shortLived.close();
    }
  });

  it('answers 204 No Content, not an error, when no refresh token is presented at all', async () => {
    for (const response of [
      await server.request().post('/auth/refresh').send({}),
      await server.request().post('/auth/refresh'),
      await server.request().post('/auth/refresh').set('Cookie', 'shelf_refresh_token='),
    ]) {
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect(response.headers['content-type']).toBeUndefined();
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it('keeps 401 for a presented refresh token that is unknown, in the cookie or the body', async () => {
    const fromCookie = await server
      .request()
      .post('/auth/refresh')
      .set('Cookie', 'shelf_refresh_token=never-issued');
    expectProblem(fromCookie, 401, 'invalid-refresh-token');
    expect(fromCookie.headers['cache-control']).toBe('no-store');
    expect(String(fromCookie.headers['set-cookie'])).toMatch(/shelf_refresh_token=;/);
    const fromBody = await server
      .request()
      .post('/auth/refresh')
      .send({ refresh_token: 'never-issued' });
    expectProblem(fromBody, 401, 'invalid-refresh-token');
  });

  it('still answers 400 for a refresh_token that is not a 1-512 character string', async () => {
    const response = await server.request().post('/auth/refresh').send({ refresh_token: '' });
    const problem = expectProblem(response, 400, 'validation-failed');
    expect(problem.errors?.[0]?.path).toBe('body.refresh_token');
  });
});

describe('POST /auth/logout', () => {
  it('revokes the session: its refresh token stops working', async () => {
    const user = await createUser(server);
    const response = await server
      .request()
      .post('/auth/logout')
      .send({ refresh_token: user.refreshToken });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(String(response.headers['set-cookie'])).toMatch(/shelf_refresh_token=;/);
    const refresh = await server
      .request()
      .post('/auth/refresh')
      .send({ refresh_token: user.refreshToken });
    expectProblem(refresh, 401, 'invalid-refresh-token');
  });

  it('is idempotent for unknown tokens', async () => {
    await server.request().post('/auth/logout').send({ refresh_token: 'never-issued' }).expect(204);
  });
});

describe('GET /api/me and credentials', () => {
  it('returns the current user for a Bearer token', async () => {
    const user = await createUser(server);
    const response = await server.request().get('/api/me').set(user.auth);
    expect(response.status).toBe(200);
    expect(UserSchema.strict().parse(response.body)).toMatchObject({
      id: user.id,
      username: user.username,
      role: 'user',
    });
  });

  it('accepts HTTP Basic credentials', async () => {
    const user = await createUser(server);
    const response = await server.request().get('/api/me').auth(user.username, user.password);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: user.id });
  });

  it('rejects wrong Basic credentials with 401', async () => {
    const user = await createUser(server);
    const response = await server.request().get('/api/me').auth(user.username, 'wrong password');
    expectProblem(response, 401, 'invalid-credentials');
  });

  it('answers a request without credentials with 401 "Unauthorized" and Bearer and Basic challenges', async () => {
    const response = await server.request().get('/api/me');
    expect(expectProblem(response, 401, 'unauthenticated').detail).toBe('Unauthorized');
    expect(response.headers['www-authenticate']).toBe(
      'Bearer realm="shelf", Basic realm="shelf", charset="UTF-8"',
    );
  });

  const badTokens: [string, (user: { id: string }) => string][] = [
    ['garbage', () => 'not.a.jwt'],
    [
      'expired',
      (user) =>
        jwt.sign({ typ: 'access', username: 'x', role: 'user' }, TEST_JWT_SECRET, {
          algorithm: 'HS256',
          subject: user.id,
          issuer: 'shelf',
          audience: 'shelf-api',
          expiresIn: -10,
        }),
    ],
    [
      'signed with another secret',
      (user) =>
        jwt.sign(
          { typ: 'access', username: 'x', role: 'admin' },
          'another-secret-that-is-32-bytes-long!!',
          {
            algorithm: 'HS256',
            subject: user.id,
            issuer: 'shelf',
            audience: 'shelf-api',
            expiresIn: 60,
          },
        ),
    ],
    [
      'of another type',
      (user) =>
        jwt.sign({ typ: 'refresh', username: 'x', role: 'user' }, TEST_JWT_SECRET, {
          algorithm: 'HS256',
          subject: user.id,
          issuer: 'shelf',
          audience: 'shelf-api',
          expiresIn: 60,
        }),
    ],
    [
      'for another audience',
      (user) =>
        jwt.sign({ typ: 'access', username: 'x', role: 'user' }, TEST_JWT_SECRET, {
          algorithm: 'HS256',
          subject: user.id,
          issuer: 'shelf',
          audience: 'elsewhere',
          expiresIn: 60,
        }),
    ],
    [
      'with alg none',
      (user) =>
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
          JSON.stringify({
            typ: 'access',
            sub: user.id,
            username: 'x',
            role: 'admin',
            iss: 'shelf',
            aud: 'shelf-api',
            exp: 9999999999,
          }),
        ).toString('base64url')}.`,
    ],
  ];

  it.each(badTokens)(
    'rejects a token that is %s with 401 "Invalid or expired token"',
    async (_name, makeToken) => {
      const user = await createUser(server);
      const response = await server
        .request()
        .get('/api/me')
        .set('Authorization', `Bearer ${makeToken(user)}`);
      expect(expectProblem(response, 401, 'invalid-token').detail).toBe('Invalid or expired token');
      expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    },
  );

  it('rejects a tampered token (payload edited, signature kept)', async () => {
    const user = await createUser(server);
    const [header, payload, signature] = user.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    const response = await server
      .request()
      .get('/api/me')
      .set('Authorization', `Bearer ${header ?? ''}.${forged}.${signature ?? ''}`);
    expectProblem(response, 401, 'invalid-token');
  });

  it('never accepts a refresh token as an access token', async () => {
    const user = await createUser(server);
    const response = await server
      .request()
      .get('/api/me')
      .set('Authorization', `Bearer ${user.refreshToken}`);
    expectProblem(response, 401, 'invalid-token');
  });
});

describe('rate limiting of credentials', () => {
  it('answers the eleventh login attempt in a minute with 429 and Retry-After', async () => {
    const limited = await startTestServer({ LOGIN_RATE_LIMIT: '10' });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 10; attempt++) {
        const response = await limited
          .request()
          .post('/auth/login')
          .send({ username: 'victim', password: `guess-${attempt}` });
        statuses.push(response.status);
      }
      expect(statuses).toEqual(Array(10).fill(401));
      const blocked = await limited
        .request()
        .post('/auth/login')
        .send({ username: 'victim', password: 'guess-10' });
      expectProblem(blocked, 429, 'too-many-attempts');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    } finally {
      await limited.close();
    }
  });

  it('limits failed Basic credentials too: past the limit even the right password gets 429', async () => {
    const limited = await startTestServer({ LOGIN_RATE_LIMIT: '3', ALLOW_REGISTRATION: 'true' });
    try {
      const username = uniqueUsername('basic');
      await limited
        .request()
        .post('/auth/register')
        .send({ username, password: 'right password' })
        .expect(201);
      for (let attempt = 0; attempt < 3; attempt++) {
        await limited.request().get('/api/me').auth(username, 'wrong password').expect(401);
      }
      const blocked = await limited.request().get('/api/me').auth(username, 'right password');
      expectProblem(blocked, 429, 'too-many-attempts');
      expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
    } finally {
      await limited.close();
    }
  });
});

describe('human messages in 400 field errors of the account forms', () => {
  it('registration says what a username and a password must be', async () => {
    expect(fieldErrorsOf(await server.request().post('/auth/register').send({}))).toEqual({
      'body.username': 'Enter a username',
      'body.password': 'Enter a password',
    });
    expect(
      fieldErrorsOf(
        await server
          .request()
          .post('/auth/register')
          .send({ username: 'No Spaces!', password: 'short' }),
      ),
    ).toEqual({
      'body.username': 'Username must be 3-32 characters: lower-case letters, digits, _ . or -',
      'body.password': 'Password must be at least 8 characters',
    });
    expect(
      fieldErrorsOf(
        await server
          .request()
          .post('/auth/register')
          .send({ username: 'long_enough', password: 'p'.repeat(129) }),
      ),
    ).toEqual({ 'body.password': 'Password must be 128 characters or fewer' });
  });

  it('sign-in and password change ask for what is missing', async () => {
    expect(
      fieldErrorsOf(
        await server.request().post('/auth/login').send({ username: '', password: '' }),
      ),
    ).toEqual({
      'body.username': 'Enter your username',
      'body.password': 'Enter your password',
    });
    const user = await createUser(server);
    expect(
      fieldErrorsOf(
        await server
          .request()
          .post('/api/me/password')
          .set(user.auth)
          .send({ current_password: '', new_password: 'short' }),
      ),
    ).toEqual({
      'body.current_password': 'Enter your current password',
      'body.new_password': 'Password must be at least 8 characters',
    });
    expect(
      fieldErrorsOf(await server.request().delete('/api/me').set(user.auth).send({ password: '' })),
    ).toEqual({ 'body.password': 'Enter your password' });
  });
});
