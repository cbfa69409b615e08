import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenResponseSchema, UserSchema } from '@shelf/contracts';
import { parseConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open-database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { withSharedJwtSecret } from '../src/features/auth/shared-jwt-secret.js';
import {
  bearer,
  createTestDatabase,
  createUser,
  expectProblem,
  startTestServer,
  TEST_DATABASE_KIND,
  TEST_JWT_SECRET,
  type TestServer,
  type TestUser,
} from './test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** An access token signed with the test secret, with exactly the registered claims given. */
const signAccessToken = (
  user: TestUser,
  times: { iat?: number; exp?: number },
  extraClaims: Record<string, unknown> = { token_version: 0 },
) =>
  jwt.sign(
    {
      typ: 'access',
      username: user.username,
      role: 'user',
      sub: user.id,
      iss: 'shelf',
      aud: 'shelf-api',
      ...times,
      ...extraClaims,
    },
    TEST_JWT_SECRET,
    // jsonwebtoken keeps a given iat, and adds one of its own unless told noTimestamp.
    { algorithm: 'HS256', noTimestamp: times.iat === undefined },
  );

const expectInvalidToken = (response: {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}) => {
  expect(expectProblem(response, 401, 'invalid-token').detail).toBe('Invalid or expired token');
  expect(response.headers['www-authenticate']).toBe(
    'Bearer realm="shelf", error="invalid_token", Basic realm="shelf", charset="UTF-8"',
  );
};

describe('access token claims', () => {
  it('accepts a token with exp, iat and the token version (what the tests below leave out)', async () => {
    const user = await createUser(server);
    const iat = nowSeconds();
    const token = signAccessToken(user, { iat, exp: iat + 60 });
    const response = await server.request().get('/api/me').set(bearer(token));
    expect(response.status).toBe(200);
    expect(UserSchema.strict().parse(response.body)).toMatchObject({ id: user.id });
  });

  it('refuses a token once it expires, although it was accepted (and remembered) before', async () => {
    const user = await createUser(server);
    const iat = Math.floor(server.clock.now() / 1000);
    const token = signAccessToken(user, { iat, exp: iat + 60 });
    expect((await server.request().get('/api/me').set(bearer(token))).status).toBe(200);
    expect((await server.request().get('/api/me').set(bearer(token))).status).toBe(200);

    server.clock.advance(61_000);
    expectInvalidToken(await server.request().get('/api/me').set(bearer(token)));
  });

  it('refuses a token with a forged signature even after the genuine one was accepted', async () => {
    const user = await createUser(server);
    const [header, payload, signature = ''] = user.accessToken.split('.');
    expect((await server.request().get('/api/me').set(bearer(user.accessToken))).status).toBe(200);
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    expectInvalidToken(
      await server
        .request()
        .get('/api/me')
        .set(bearer(`${header}.${payload}.${flipped}`)),
    );
  });
  it('issues tokens that carry iat, exp and the user’s token version', async () => {
    const user = await createUser(server);
    const claims = jwt.decode(user.accessToken) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: user.id, token_version: 0 });
    expect(claims.exp).toBe((claims.iat ?? Number.NaN) + 900);
  });

  it('rejects a validly signed token without exp with 401', async () => {
    const user = await createUser(server);
    const token = signAccessToken(user, { iat: nowSeconds() });
    const claims = jwt.decode(token) as jwt.JwtPayload;
    expect(claims.exp).toBeUndefined();
    expect(claims.iat).toBeTypeOf('number');
    expectInvalidToken(await server.request().get('/api/me').set(bearer(token)));
  });

  it('rejects a validly signed token without iat with 401', async () => {
    const user = await createUser(server);
    const token = signAccessToken(user, { exp: nowSeconds() + 60 });
    const claims = jwt.decode(token) as jwt.JwtPayload;
    expect(claims.iat).toBeUndefined();
    expect(claims.exp).toBeTypeOf('number');
    expectInvalidToken(await server.request().get('/api/me').set(bearer(token)));
  });

  it('rejects a token whose lifetime exceeds the longest ACCESS_TOKEN_TTL (24 h), and accepts one of exactly 24 h', async () => {
    const user = await createUser(server);
    const iat = nowSeconds();
    const tooLong = signAccessToken(user, { iat, exp: iat + 86_401 });
    expectInvalidToken(await server.request().get('/api/me').set(bearer(tooLong)));

    const longest = signAccessToken(user, { iat, exp: iat + 86_400 });
    expect((await server.request().get('/api/me').set(bearer(longest))).status).toBe(200);
  });

  it('rejects a token without a token version, or with one the user never had', async () => {
    const user = await createUser(server);
    const iat = nowSeconds();
    const withoutVersion = signAccessToken(user, { iat, exp: iat + 60 }, {});
    expectInvalidToken(await server.request().get('/api/me').set(bearer(withoutVersion)));
    const futureVersion = signAccessToken(user, { iat, exp: iat + 60 }, { token_version: 1 });
    expectInvalidToken(await server.request().get('/api/books').set(bearer(futureVersion)));
  });
});

describe('tokens of deleted users', () => {
  const deleteDirectly = async (user: TestUser) => {
    await server.db.deleteFrom('books').where('owner_id', '=', user.id).execute();
    await server.db.deleteFrom('users').where('id', '=', user.id).execute();
  };

  it('answer 401 invalid-token on GET /api/me, GET /api/books and POST /api/books, never 500', async () => {
    const user = await createUser(server);
    await deleteDirectly(user);

    expectInvalidToken(await server.request().get('/api/me').set(user.auth));
    expectInvalidToken(await server.request().get('/api/books').set(user.auth));
    const create = await server
      .request()
      .post('/api/books')
      .set(user.auth)
      .send({ title: 'Orphan', author: 'Nobody' });
    expectInvalidToken(create);
    const count = await server.db
      .selectFrom('books')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('title', '=', 'Orphan')
      .executeTakeFirstOrThrow();
    expect(Number(count.count)).toBe(0);
  });

  it('answer 401 on a write even while this instance still caches the version for reads', async () => {
    const user = await createUser(server);
    // A read caches the user's version (for TOKEN_VERSION_CACHE_MS, 5 s by default).
    expect((await server.request().get('/api/books').set(user.auth)).status).toBe(200);
    await deleteDirectly(user);

    const create = await server
      .request()
      .post('/api/books')
      .set(user.auth)
      .send({ title: 'Orphan while cached', author: 'Nobody' });
    expectInvalidToken(create);
    const me = await server.request().get('/api/me').set(user.auth);
    expect(me.status).toBe(401);
  });
});

describe(`the generated JWT secret, without JWT_SECRET (${TEST_DATABASE_KIND})`, () => {
  let first: TestServer;
  let second: TestServer | undefined;

  beforeAll(async () => {
    first = await startTestServer({ JWT_SECRET: '' });
  });
  afterAll(async () => {
    await second?.close();
    await first.close();
  });

  it('is not taken from the environment in these servers', () => {
    expect(first.config.jwt.isGenerated).toBe(true);
  });

  it('is stored once in the database and signs the tokens', async () => {
    const user = await createUser(first);
    const rows = await first.db.selectFrom('settings').selectAll().execute();
    const stored = rows.find((row) => row.name === 'jwt_secret');
    expect(stored?.value).toBeTypeOf('string');
    expect(Buffer.byteLength(stored?.value ?? '')).toBeGreaterThanOrEqual(32);
    // The process's own random candidate lost to (or became) the stored one.
    expect(() =>
      jwt.verify(user.accessToken, stored?.value ?? '', { algorithms: ['HS256'] }),
    ).not.toThrow();
    expect(() =>
      jwt.verify(user.accessToken, TEST_JWT_SECRET, { algorithms: ['HS256'] }),
    ).toThrow();
  });

  it('is shared: two instances accept each other’s tokens, and a restart keeps them valid', async () => {
    second = await startTestServer({ JWT_SECRET: '', DATABASE_URL: first.databaseUrl });
    expect(second.config.jwt.secret).not.toBe(first.config.jwt.secret);

    const fromFirst = await createUser(first);
    const fromSecond = await createUser(second);
    const onSecond = await second.request().get('/api/me').set(fromFirst.auth);
    expect(onSecond.body).toMatchObject({ id: fromFirst.id, username: fromFirst.username });
    const onFirst = await first.request().get('/api/me').set(fromSecond.auth);
    expect(onFirst.body).toMatchObject({ id: fromSecond.id, username: fromSecond.username });

    await second.close();
    second = await startTestServer({ JWT_SECRET: '', DATABASE_URL: first.databaseUrl });
    for (const user of [fromFirst, fromSecond]) {
      const me = await second.request().get('/api/me').set(user.auth);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: user.id });
    }
    const refreshed = await second
      .request()
      .post('/auth/refresh')
      .send({ refresh_token: fromFirst.refreshToken });
    const tokens = TokenResponseSchema.parse(refreshed.body);
    const me = await first.request().get('/api/me').set(bearer(tokens.access_token));
    expect(me.body).toMatchObject({ id: fromFirst.id });
  });

  it('is the same for two instances that resolve it at the same moment', async () => {
    const database = await createTestDatabase();
    const configs = [configWithoutSecret(database.url), configWithoutSecret(database.url)] as const;
    expect(configs[0].jwt.secret).not.toBe(configs[1].jwt.secret);
    const one = openDatabase(configs[0].database);
    const two = openDatabase(configs[1].database);
    try {
      await migrateToLatest(one.db, configs[0].database.kind);
      const [resolvedByOne, resolvedByTwo] = await Promise.all([
        withSharedJwtSecret(one.db, configs[0]),
        withSharedJwtSecret(two.db, configs[1]),
      ]);
      expect(resolvedByOne.jwt.secret).toBe(resolvedByTwo.jwt.secret);
      expect([configs[0].jwt.secret, configs[1].jwt.secret]).toContain(resolvedByOne.jwt.secret);
    } finally {
      await one.close();
      await two.close();
      await database.drop();
    }
  });
});

const configWithoutSecret = (databaseUrl: string) =>
  parseConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl });
