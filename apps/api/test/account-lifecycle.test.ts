import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenResponseSchema, type TokenResponse } from '@shelf/contracts';
import { promoteToAdmin } from './admin-users.js';
import { holdOnPostgres } from './hold-on-postgres.js';
import {
  bearer,
  closeServers,
  expectSessionResponse,
  createUser,
  expectInvalidToken,
  expectProblem,
  login,
  startTestServer,
  startTwoInstances,
  TEST_DATABASE_KIND,
  type TestServer,
  type TestUser,
} from './test-server.js';

const NEW_PASSWORD = 'a brand new passphrase';

let first: TestServer;
let second: TestServer;

beforeAll(async () => {
  [first, second] = await startTwoInstances();
});
afterAll(async () => {
  await closeServers(first, second);
});

const changePassword = (server: TestServer, user: TestUser, current: string, next: string) =>
  server
    .request()
    .post('/api/me/password')
    .set(user.auth)
    .send({ current_password: current, new_password: next });

const deleteAccount = (server: TestServer, user: TestUser, password: string) =>
  server.request().delete('/api/me').set(user.auth).send({ password });

/**
 * Moves `server`'s clock to the end of its token-version cache TTL (TOKEN_VERSION_CACHE_MS): the
 * longest another instance may trust a version it read before a password change or deletion.
 */
const outliveTokenVersionCache = (server: TestServer) =>
  server.clock.advance(server.config.tokenVersionCacheMs);

const tokenVersionOf = (accessToken: string) =>
  (jwt.decode(accessToken) as jwt.JwtPayload & { token_version?: number }).token_version;

const userExists = async (server: TestServer, userId: string) =>
  (await server.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()) !==
  undefined;

describe(`POST /api/me/password (${TEST_DATABASE_KIND}, two instances)`, () => {
  it('returns a new session as login does, and the new password replaces the old one', async () => {
    const user = await createUser(first);
    const response = await changePassword(first, user, user.password, NEW_PASSWORD);

    expect(response.status).toBe(200);
    const tokens = expectSessionResponse(response);

    const me = await first.request().get('/api/me').set(bearer(tokens.access_token));
    expect(me.body).toMatchObject({ id: user.id, username: user.username });
    const withNew = await login(first, user, NEW_PASSWORD);
    expect(withNew.status).toBe(200);
    const withOld = await login(first, user);
    expectProblem(withOld, 401, 'invalid-credentials');
  });

  it('refuses access tokens issued before the change on every instance, and accepts those issued after', async () => {
    const user = await createUser(first);
    // The other instance reads (and caches) the user's token version before the change.
    expect((await second.request().get('/api/books').set(user.auth)).status).toBe(200);

    const response = await changePassword(first, user, user.password, NEW_PASSWORD);
    const tokens = TokenResponseSchema.parse(response.body);
    expect(tokenVersionOf(user.accessToken)).toBe(0);
    expect(tokenVersionOf(tokens.access_token)).toBe(1);

    // The instance that made the change refuses the old token at once.
    expectInvalidToken(await first.request().get('/api/me').set(user.auth));
    // Writes read the version afresh on any instance.
    expectInvalidToken(
      await second
        .request()
        .post('/api/books')
        .set(user.auth)
        .send({ title: 'Written with a revoked token', author: 'Nobody' }),
    );
    // Reads on the other instance stop trusting the cached version within its TTL.
    outliveTokenVersionCache(second);
    expectInvalidToken(await second.request().get('/api/books').set(user.auth));

    for (const instance of [first, second]) {
      const me = await instance.request().get('/api/me').set(bearer(tokens.access_token));
      expect(me.status).toBe(200);
    }
    const created = await second
      .request()
      .post('/api/books')
      .set(bearer(tokens.access_token))
      .send({ title: 'Written with the new token', author: 'Somebody' });
    expect(created.status).toBe(201);
  });

  it('revokes every other session of the account and keeps the one it starts', async () => {
    const user = await createUser(first);
    const otherLogin = await login(first, user);
    const otherSession = TokenResponseSchema.parse(otherLogin.body);

    const response = await changePassword(first, user, user.password, NEW_PASSWORD);
    const tokens = TokenResponseSchema.parse(response.body);

    for (const refreshToken of [user.refreshToken, otherSession.refresh_token]) {
      const refused = await second
        .request()
        .post('/auth/refresh')
        .send({ refresh_token: refreshToken });
      expectProblem(refused, 401, 'invalid-refresh-token');
    }
    expectInvalidToken(await first.request().get('/api/me').set(bearer(otherSession.access_token)));

    const refreshed = await second
      .request()
      .post('/auth/refresh')
      .send({ refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    const renewed: TokenResponse = TokenResponseSchema.parse(refreshed.body);
    const me = await first.request().get('/api/me').set(bearer(renewed.access_token));
    expect(me.body).toMatchObject({ id: user.id });

    const liveFamilies = await first.db
      .selectFrom('refresh_tokens')
      .select('family_id')
      .distinct()
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .execute();
    expect(liveFamilies).toHaveLength(1);
  });

  it('answers a wrong current password with 403 invalid-credentials and changes nothing', async () => {
    const user = await createUser(first);
    const response = await changePassword(first, user, 'not my password', NEW_PASSWORD);

    expect(expectProblem(response, 403, 'invalid-credentials').detail).toBe(
      'The password is wrong',
    );
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['www-authenticate']).toBeUndefined();
    expect((await first.request().get('/api/me').set(user.auth)).status).toBe(200);
    const refreshed = await first
      .request()
      .post('/auth/refresh')
      .send({ refresh_token: user.refreshToken });
    expect(refreshed.status).toBe(200);
    const loggedIn = await login(first, user);
    expect(loggedIn.status).toBe(200);
  });

  it('rejects a new password that registration would reject, with field errors', async () => {
    const user = await createUser(first);
    const tooShort = await changePassword(first, user, user.password, 'short');
    expect(expectProblem(tooShort, 400, 'validation-failed').errors?.map((e) => e.path)).toEqual([
      'body.new_password',
    ]);
    const tooLong = await changePassword(first, user, user.password, 'x'.repeat(129));
    expect(expectProblem(tooLong, 400, 'validation-failed').errors?.[0]?.path).toBe(
      'body.new_password',
    );
    const missing = await first
      .request()
      .post('/api/me/password')
      .set(user.auth)
      .send({ new_password: NEW_PASSWORD });
    expect(expectProblem(missing, 400, 'validation-failed').errors?.[0]?.path).toBe(
      'body.current_password',
    );
    expect((await first.request().get('/api/me').set(user.auth)).status).toBe(200);
  });

  it('requires credentials before reading the body, and a JSON body', async () => {
    const anonymous = await first
      .request()
      .post('/api/me/password')
      .send({ current_password: 'x', new_password: NEW_PASSWORD });
    expectProblem(anonymous, 401, 'unauthenticated');

    const user = await createUser(first);
    const form = await first
      .request()
      .post('/api/me/password')
      .set(user.auth)
      .type('form')
      .send({ current_password: user.password, new_password: NEW_PASSWORD });
    expectProblem(form, 415, 'unsupported-media-type');
  });
});

describe('password confirmations and the credential limit', () => {
  const LIMIT = 3;
  let limited: TestServer;

  beforeAll(async () => {
    limited = await startTestServer({ LOGIN_RATE_LIMIT: String(LIMIT) });
  });
  afterAll(async () => {
    await limited.close();
  });

  it('count wrong current passwords like failed logins: once over the limit, even the right one gets 429', async () => {
    const user = await createUser(limited);
    const before = await limited.db
      .selectFrom('users')
      .select(['password_hash', 'token_version'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();

    const statuses: number[] = [];
    for (let attempt = 0; attempt <= LIMIT + 1; attempt++) {
      statuses.push((await changePassword(limited, user, `guess-${attempt}`, NEW_PASSWORD)).status);
    }
    expect(statuses[0]).toBe(403);
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal).toBeGreaterThan(0);
    expect(firstRefusal).toBeLessThanOrEqual(LIMIT);
    expect(statuses.slice(firstRefusal).every((status) => status === 429)).toBe(true);

    const right = await changePassword(limited, user, user.password, NEW_PASSWORD);
    expectProblem(right, 429, 'too-many-attempts');
    expect(right.headers['retry-after']).toMatch(/^\d+$/);
    const loggedIn = await login(limited, user);
    expectProblem(loggedIn, 429, 'too-many-attempts');

    const after = await limited.db
      .selectFrom('users')
      .select(['password_hash', 'token_version'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });
});

describe(`DELETE /api/me (${TEST_DATABASE_KIND}, two instances)`, () => {
  it('deletes the account with its books, sessions and idempotency keys; its tokens stop working on every instance', async () => {
    const owner = await createUser(first);
    const bystander = await createUser(first);
    const ownBooks: string[] = [];
    for (const title of ['Mine', 'Also mine']) {
      const created = await first
        .request()
        .post('/api/books')
        .set(owner.auth)
        .set('Idempotency-Key', `create-${ownBooks.length}`)
        .send({ title, author: 'Owner', tags: ['doomed'] });
      expect(created.status).toBe(201);
      ownBooks.push((created.body as { id: string }).id);
    }
    const kept = await first
      .request()
      .post('/api/books')
      .set(bystander.auth)
      .send({ title: 'Not theirs', author: 'Bystander', tags: ['doomed'] });
    expect(kept.status).toBe(201);
    const keys = await first.db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('user_id', '=', owner.id)
      .execute();
    expect(keys).toHaveLength(2);
    // The other instance caches the owner's token version.
    expect((await second.request().get('/api/books').set(owner.auth)).status).toBe(200);

    const response = await deleteAccount(first, owner, owner.password);

    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(String(response.headers['set-cookie'])).toMatch(
      /shelf_refresh_token=;.*Path=\/auth.*Expires=Thu, 01 Jan 1970/,
    );
    expect(await userExists(first, owner.id)).toBe(false);
    const remainingBooks = await first.db
      .selectFrom('books')
      .select(['id', 'owner_id'])
      .where('author', 'in', ['Owner', 'Bystander'])
      .execute();
    expect(remainingBooks).toEqual([
      { id: (kept.body as { id: string }).id, owner_id: bystander.id },
    ]);
    const orphanTags = await first.db
      .selectFrom('book_tags')
      .select('book_id')
      .where('book_id', 'in', ownBooks)
      .execute();
    expect(orphanTags).toEqual([]);
    for (const table of ['refresh_tokens', 'idempotency_keys'] as const) {
      const rows = await first.db
        .selectFrom(table)
        .select('user_id')
        .where('user_id', '=', owner.id)
        .execute();
      expect(rows).toEqual([]);
    }

    expectInvalidToken(await first.request().get('/api/me').set(owner.auth));
    expectInvalidToken(await first.request().get('/api/books').set(owner.auth));
    expectInvalidToken(
      await first
        .request()
        .post('/api/books')
        .set(owner.auth)
        .send({ title: 'After death', author: 'Owner' }),
    );
    expectInvalidToken(
      await second
        .request()
        .post('/api/books')
        .set(owner.auth)
        .send({ title: 'After death', author: 'Owner' }),
    );
    outliveTokenVersionCache(second);
    expectInvalidToken(await second.request().get('/api/books').set(owner.auth));

    const refresh = await second
      .request()
      .post('/auth/refresh')
      .send({ refresh_token: owner.refreshToken });
    expectProblem(refresh, 401, 'invalid-refresh-token');
    const loggedIn = await login(second, owner);
    expectProblem(loggedIn, 401, 'invalid-credentials');
  });

  it('answers a wrong password with 403 invalid-credentials and keeps the account', async () => {
    const user = await createUser(first);
    const response = await deleteAccount(first, user, 'not my password');
    expectProblem(response, 403, 'invalid-credentials');
    expect(await userExists(first, user.id)).toBe(true);
    expect((await first.request().get('/api/me').set(user.auth)).status).toBe(200);
  });

  it('rejects a body without the password with 400 and keeps the account', async () => {
    const user = await createUser(first);
    const response = await first.request().delete('/api/me').set(user.auth).send({});
    expect(expectProblem(response, 400, 'validation-failed').errors?.[0]?.path).toBe(
      'body.password',
    );
    expect(await userExists(first, user.id)).toBe(true);
  });
});

/** Holds both users' rows (on PostgreSQL) until the two account deletions wait behind them. */
const holdRowsOnPostgres = (databaseUrl: string, userIds: string[]) =>
  holdOnPostgres(
    databaseUrl,
    [{ sql: 'select id from users where id = any($1::uuid[]) for update', params: [userIds] }],
    ['select "id" from "users"%for update', 'delete from "users"%', 'insert into "settings"%'],
  );

describe('DELETE /api/me by admins', () => {
  let admins: TestServer;
  let adminsElsewhere: TestServer;

  beforeAll(async () => {
    [admins, adminsElsewhere] = await startTwoInstances();
  });
  afterAll(async () => {
    await closeServers(admins, adminsElsewhere);
  });

  const countAdmins = async () =>
    (await admins.db.selectFrom('users').select('id').where('role', '=', 'admin').execute()).length;

  it('refuses the last admin with 409 last-admin; with another admin it may go, and then that one may not', async () => {
    const only = await createUser(admins, 'admin');
    await promoteToAdmin(admins, only);
    const book = await admins
      .request()
      .post('/api/books')
      .set(only.auth)
      .send({ title: 'Admin’s book', author: 'Admin' });
    expect(book.status).toBe(201);

    const refused = await deleteAccount(admins, only, only.password);
    expect(expectProblem(refused, 409, 'last-admin').detail).toBe(
      'The last admin cannot delete their account',
    );
    expect(await userExists(admins, only.id)).toBe(true);
    const stillThere = await admins
      .request()
      .get(`/api/books/${(book.body as { id: string }).id}`)
      .set(only.auth);
    expect(stillThere.status).toBe(200);

    const successor = await createUser(admins, 'admin');
    await promoteToAdmin(admins, successor);
    expect((await deleteAccount(admins, only, only.password)).status).toBe(204);
    expectProblem(await deleteAccount(admins, successor, successor.password), 409, 'last-admin');
    expect(await countAdmins()).toBe(1);
  });

  it('lets only one of the last two admins go when both delete themselves at once on two instances', async () => {
    // The previous test leaves one admin: remove it so these two are the last.
    await admins.db.deleteFrom('books').execute();
    await admins.db.deleteFrom('users').where('role', '=', 'admin').execute();
    const one = await createUser(admins, 'admin');
    const two = await createUser(admins, 'admin');
    await promoteToAdmin(admins, one);
    await promoteToAdmin(admins, two);

    const release = await holdRowsOnPostgres(admins.databaseUrl, [one.id, two.id]);
    const deletions = Promise.all([
      deleteAccount(admins, one, one.password),
      deleteAccount(adminsElsewhere, two, two.password),
    ]);
    await release();
    const responses = await deletions;
    expect(responses.map((response) => response.status).sort()).toEqual([204, 409]);
    const loser = responses.find((response) => response.status === 409);
    if (loser === undefined) throw new Error('expected one 409');
    expectProblem(loser, 409, 'last-admin');
    expect(await countAdmins()).toBe(1);
  });
});
