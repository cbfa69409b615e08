import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countActiveAdmins, createAdmin, managedUserOf, patchUser } from './admin-users.js';
import { createBook } from './book-fixtures.js';
import { expectOAuthError } from './expect-oauth-error.js';
import { holdOnPostgres } from './hold-on-postgres.js';
import {
  basicAuth,
  closeServers,
  createUser,
  expectInvalidToken,
  expectProblem,
  login,
  startTwoInstances,
  TEST_DATABASE_KIND,
  type TestServer,
  type TestUser,
} from './test-server.js';

let first: TestServer;
let second: TestServer;

beforeAll(async () => {
  [first, second] = await startTwoInstances();
});
afterAll(async () => {
  await closeServers(first, second);
});

/** Makes every admin but `keep` a plain user, so each test decides who the active admins are. */
const leaveOnlyAdmins = async (server: TestServer, keep: TestUser[]) => {
  await server.db
    .updateTable('users')
    .set({ role: 'user' })
    .where('role', '=', 'admin')
    .where(
      'id',
      'not in',
      keep.map((user) => user.id),
    )
    .execute();
};

/** Holds the account lock row (on PostgreSQL) until two admin changes wait for it. */
const holdAccountLockOnPostgres = (databaseUrl: string) =>
  holdOnPostgres(
    databaseUrl,
    [
      {
        sql: `insert into settings (name, value) values ('account_deletion_lock', 'held')
               on conflict (name) do update set value = excluded.value`,
      },
    ],
    ['insert into "settings"%'],
  );

describe(`the last active admin (${TEST_DATABASE_KIND})`, () => {
  it('can never be demoted, disabled or deleted (409 last-admin); a disabled admin does not count', async () => {
    const only = await createAdmin(first);
    await leaveOnlyAdmins(first, [only]);

    const demote = await patchUser(first, only, only.id, { role: 'user' });
    expect(expectProblem(demote, 409, 'last-admin').detail).toBe(
      'The last active admin cannot be demoted; promote or enable another first',
    );
    expectProblem(await patchUser(first, only, only.id, { disabled: true }), 409, 'last-admin');
    expectProblem(
      await first.request().delete(`/api/users/${only.id}`).set(only.auth),
      409,
      'last-admin',
    );
    // A change that removes no admin is fine, even to the last one.
    const renamed = await patchUser(first, only, only.id, { email: 'only@example.com' });
    expect(managedUserOf(renamed.body)).toMatchObject({ role: 'admin', email: 'only@example.com' });

    // A second admin, disabled, is no successor: still 409, here and for DELETE /api/me.
    const dormant = await createAdmin(first);
    expect((await patchUser(first, only, dormant.id, { disabled: true })).status).toBe(200);
    expectProblem(await patchUser(first, only, only.id, { role: 'user' }), 409, 'last-admin');
    const leaving = await first
      .request()
      .delete('/api/me')
      .set(only.auth)
      .send({ password: only.password });
    expectProblem(leaving, 409, 'last-admin');
    expect(await countActiveAdmins(first)).toBe(1);

    // Enabled again, the other admin is a successor: the first may step down.
    expect((await patchUser(first, only, dormant.id, { disabled: false })).status).toBe(200);
    const steppedDown = await patchUser(first, only, only.id, { role: 'user' });
    expect(managedUserOf(steppedDown.body).role).toBe('user');
    expect(await countActiveAdmins(first)).toBe(1);
  });

  it('holds when two admins on two instances remove each other at once, every time', async () => {
    const actions = [
      {
        name: 'demote',
        run: (s: TestServer, a: TestUser, b: TestUser) => patchUser(s, a, b.id, { role: 'user' }),
      },
      {
        name: 'disable',
        run: (s: TestServer, a: TestUser, b: TestUser) => patchUser(s, a, b.id, { disabled: true }),
      },
      {
        name: 'delete',
        run: (s: TestServer, a: TestUser, b: TestUser) =>
          s.request().delete(`/api/users/${b.id}`).set(a.auth),
      },
    ] as const;
    let conflicts = 0;
    for (let trial = 0; trial < 12; trial += 1) {
      const action = actions[trial % actions.length];
      if (action === undefined) throw new Error('no action');
      const one = await createAdmin(first);
      const two = await createAdmin(second);
      await leaveOnlyAdmins(first, [one, two]);
      expect(await countActiveAdmins(first)).toBe(2);

      const release = await holdAccountLockOnPostgres(first.databaseUrl);
      const pending = Promise.all([action.run(first, one, two), action.run(second, two, one)]);
      await release();
      const responses = await pending;
      const statuses = responses.map((response) => response.status);
      expect(await countActiveAdmins(first), `${action.name} #${trial}`).toBe(1);
      // One wins. The other is refused: 409 last-admin when it got past authentication before the
      // winner committed (always, on PostgreSQL), else 401 (the winner had already voided its token).
      expect(
        statuses.filter((status) => status === 200 || status === 204),
        statuses.join(', '),
      ).toHaveLength(1);
      const loser = responses.find((response) => response.status >= 400);
      if (loser === undefined) throw new Error(`expected one refusal, got ${statuses.join(', ')}`);
      if (loser.status === 409) {
        expectProblem(loser, 409, 'last-admin');
        conflicts += 1;
      } else {
        expectInvalidToken(loser);
      }
    }
    if (TEST_DATABASE_KIND === 'postgres') expect(conflicts).toBe(12);
  });
});

describe(`disabled accounts (${TEST_DATABASE_KIND}, two instances)`, () => {
  let admin: TestUser;

  beforeAll(async () => {
    admin = await createAdmin(first);
  });

  it('refuses the user’s tokens (every instance within the cache window, writes at once), logins and refreshes', async () => {
    const user = await createUser(first, 'disabled');
    // The other instance caches the user's token version, and trusts it for TOKEN_VERSION_CACHE_MS.
    await second.request().get('/api/me').set(user.auth).expect(200);
    await second.request().get('/api/books').set(basicAuth(user)).expect(200);

    const disabled = await patchUser(first, admin, user.id, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(managedUserOf(disabled.body)).toMatchObject({ id: user.id, disabled: true });

    // This instance forgot the version at once; the other refuses writes at once, reads once its
    // cached version is older than the cache window.
    expectInvalidToken(await first.request().get('/api/me').set(user.auth));
    expectInvalidToken(
      await second.request().post('/api/books').set(user.auth).send({ title: 'T', author: 'A' }),
    );
    second.clock.advance(second.config.tokenVersionCacheMs);
    expectInvalidToken(await second.request().get('/api/me').set(user.auth));

    // The right password learns the account is disabled; a wrong one learns nothing new.
    const refused = await login(first, user);
    expect(expectProblem(refused, 403, 'account-disabled').detail).toBe('This account is disabled');
    expect(refused.headers['set-cookie']).toBeUndefined();
    expectProblem(await login(first, user, 'not the password'), 401, 'invalid-credentials');
    expectProblem(
      await first.request().get('/api/me').set(basicAuth(user)),
      403,
      'account-disabled',
    );
    expectProblem(
      await second.request().get('/api/books').set(basicAuth(user)),
      403,
      'account-disabled',
    );
    expectProblem(
      await first.request().get('/api/me').set(basicAuth(user, 'not the password')),
      401,
      'invalid-credentials',
    );
    const grant = await first
      .request()
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'password', username: user.username, password: user.password });
    expect(expectOAuthError(grant, 400, 'invalid_grant').error_description).toBe(
      'This account is disabled',
    );
    const wrongGrant = await first
      .request()
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'password', username: user.username, password: 'not the password' });
    expect(expectOAuthError(wrongGrant, 400, 'invalid_grant').error_description).toBe(
      'Invalid username or password',
    );
    expectProblem(
      await first.request().post('/auth/refresh').send({ refresh_token: user.refreshToken }),
      401,
      'invalid-refresh-token',
    );

    // Enabled again: the password logs in and Basic works; the old session stays revoked.
    const enabled = await patchUser(first, admin, user.id, { disabled: false });
    expect(managedUserOf(enabled.body).disabled).toBe(false);
    const session = await login(first, user);
    expect(session.status).toBe(200);
    await first.request().get('/api/books').set(basicAuth(user)).expect(200);
    // The other instance remembered the disabled account's Basic credentials at their token
    // version; enabling raised it, so once its cached version is renewed, it checks them again.
    second.clock.advance(second.config.tokenVersionCacheMs);
    await second.request().get('/api/books').set(basicAuth(user)).expect(200);
    const token = (session.body as { access_token: string }).access_token;
    await second.request().get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expectProblem(
      await first.request().post('/auth/refresh').send({ refresh_token: user.refreshToken }),
      401,
      'invalid-refresh-token',
    );
  });

  it('lets disabling an already disabled user change nothing, and enabling an active one too', async () => {
    const user = await createUser(first, 'idem');
    expect(
      managedUserOf((await patchUser(first, admin, user.id, { disabled: false })).body).disabled,
    ).toBe(false);
    // An unchanged state revokes nothing: the user's token still works.
    await first.request().get('/api/me').set(user.auth).expect(200);
    await patchUser(first, admin, user.id, { disabled: true }).expect(200);
    const again = await patchUser(first, admin, user.id, { disabled: true });
    expect(managedUserOf(again.body).disabled).toBe(true);
  });
});

describe(`demoting and deleting (${TEST_DATABASE_KIND})`, () => {
  it('checks the role as it is now on every instance: a demoted admin loses admin routes at once, a promoted user gains them', async () => {
    const keeper = await createAdmin(first, 'keeper');
    const demoted = await createAdmin(first, 'demoted');
    const promoted = await createUser(first, 'promoted');
    // Both instances have just seen the demoted admin's token version (cached for reads).
    await first.request().get('/api/users').set(demoted.auth).expect(200);
    await second.request().get('/api/users').set(demoted.auth).expect(200);
    expectProblem(
      await second.request().get('/api/users').set(promoted.auth),
      403,
      'admin-required',
    );

    await patchUser(first, keeper, demoted.id, { role: 'user' }).expect(200);
    await patchUser(first, keeper, promoted.id, { role: 'admin' }).expect(200);

    // Where the demotion ran, the old token version is forgotten: the token itself is refused.
    expectProblem(await first.request().get('/api/users').set(demoted.auth), 401, 'invalid-token');
    // Elsewhere the token still passes for reads until the version cache expires, but not the role.
    expectProblem(
      await second.request().get('/api/users').set(demoted.auth),
      403,
      'admin-required',
    );
    for (const server of [first, second]) {
      const page = await server.request().get('/api/users').set(promoted.auth).expect(200);
      expect((page.body as { items: unknown[] }).items.length).toBeGreaterThan(0);
    }
  });

  it('voids a demoted admin’s tokens and sessions; logged in again, they are a user (403)', async () => {
    const admin = await createAdmin(first);
    const demoted = await createAdmin(first);
    await first.request().get('/api/users').set(demoted.auth).expect(200);

    const response = await patchUser(first, admin, demoted.id, { role: 'user' });
    expect(managedUserOf(response.body)).toMatchObject({ id: demoted.id, role: 'user' });
    expectInvalidToken(await first.request().get('/api/users').set(demoted.auth));
    expectProblem(
      await first.request().post('/auth/refresh').send({ refresh_token: demoted.refreshToken }),
      401,
      'invalid-refresh-token',
    );
    const relogged = await login(first, demoted).expect(200);
    const token = (relogged.body as { access_token: string }).access_token;
    expectProblem(
      await first.request().get('/api/users').set('Authorization', `Bearer ${token}`),
      403,
      'admin-required',
    );
    expectProblem(
      await first.request().get('/api/users').set(basicAuth(demoted)),
      403,
      'admin-required',
    );
  });

  it('deletes the user with their books and tag counts; their tokens get 401 everywhere', async () => {
    const admin = await createAdmin(first);
    const owner = await createUser(first, 'owned');
    const tag = `gone-${owner.id.slice(0, 8)}`;
    const { id: bookId } = await createBook(first, owner, {
      title: 'Doomed',
      author: 'Someone',
      tags: [tag],
    });
    await second.request().get('/api/me').set(owner.auth).expect(200);

    const deleted = await first.request().delete(`/api/users/${owner.id}`).set(admin.auth);
    expect(deleted.status).toBe(204);
    expectProblem(
      await first.request().get(`/api/books/${bookId}`).set(admin.auth),
      404,
      'book-not-found',
    );
    const tags = await first.request().get('/api/tags').query({ q: tag }).set(admin.auth);
    expect(tags.body).toEqual({ items: [] });
    expectInvalidToken(await first.request().get('/api/me').set(owner.auth));
    second.clock.advance(second.config.tokenVersionCacheMs);
    expectInvalidToken(await second.request().get('/api/me').set(owner.auth));
    expectProblem(await login(first, owner), 401, 'invalid-credentials');
  });
});
