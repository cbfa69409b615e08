import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManagedUserPageSchema, UserSchema, type ManagedUser } from '@shelf/contracts';
import { hashPassword } from '../src/features/auth/passwords.js';
import { createLogger } from '../src/logger.js';
import { createAdmin, managedUserOf, patchUser } from './admin-users.js';
import {
  basicAuth,
  createUser,
  expectProblem,
  startTestServer,
  TEST_DATABASE_KIND,
  uniqueUsername,
  type TestServer,
  type TestUser,
} from './test-server.js';

const lines: string[] = [];
let server: TestServer;
let admin: TestUser;

beforeAll(async () => {
  server = await startTestServer(
    { LOG_LEVEL: 'info' },
    { logger: createLogger('info', { write: (line: string) => lines.push(line) }) },
  );
  admin = await createAdmin(server);
});
afterAll(async () => {
  await server.close();
});

const SOME_ID = '3f6d8e21-9a4b-4c7d-8e2f-1b5a6c9d0e43';

/** Every route of user management, with a body it would accept. */
const ROUTES = [
  { method: 'get', path: '/api/users', body: undefined },
  { method: 'get', path: `/api/users/${SOME_ID}`, body: undefined },
  {
    method: 'post',
    path: '/api/users',
    body: { username: 'never_made', password: 'long enough', role: 'admin' },
  },
  { method: 'patch', path: `/api/users/${SOME_ID}`, body: { role: 'admin' } },
  { method: 'delete', path: `/api/users/${SOME_ID}`, body: undefined },
] as const;

const send = (route: (typeof ROUTES)[number], headers: Record<string, string>) => {
  const request = server.request()[route.method](route.path).set(headers);
  return route.body === undefined ? request : request.send(route.body);
};

const createViaApi = async (body: object) =>
  server.request().post('/api/users').set(admin.auth).send(body);

describe(`user management access (${TEST_DATABASE_KIND})`, () => {
  it('answers 401 without credentials on every route', async () => {
    for (const route of ROUTES) {
      const response = await send(route, {});
      expectProblem(response, 401, 'unauthenticated');
      expect(response.headers['www-authenticate'], route.path).toContain('Bearer realm="shelf"');
    }
  });

  it('answers 403 admin-required to a user who is not an admin, on every route, Bearer or Basic', async () => {
    const user = await createUser(server, 'plain');
    for (const route of ROUTES) {
      for (const headers of [user.auth, basicAuth(user)]) {
        const response = await send(route, headers);
        const problem = expectProblem(response, 403, 'admin-required');
        expect(problem.detail).toBe('Only an admin may do this');
        expect(response.headers['cache-control']).toBe('no-store');
      }
    }
    expect(
      await server.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'never_made')
        .execute(),
    ).toEqual([]);
  });
});

describe(`user management CRUD (${TEST_DATABASE_KIND})`, () => {
  it('creates a user with a role and a normalised email, then reads, changes and deletes it', async () => {
    const username = uniqueUsername('made');
    const created = await createViaApi({
      username,
      password: 'a long secret',
      email: '  Carol.Smith@Example.COM ',
      role: 'user',
    });
    expect(created.status).toBe(201);
    const user = managedUserOf(created.body);
    expect(user).toMatchObject({
      username,
      role: 'user',
      email: 'carol.smith@example.com',
      disabled: false,
    });
    expect(created.headers.location).toBe(`/api/users/${user.id}`);
    expect(created.headers['cache-control']).toBe('no-store');

    const read = await server.request().get(`/api/users/${user.id}`).set(admin.auth);
    expect(read.status).toBe(200);
    expect(managedUserOf(read.body)).toEqual(user);
    const upper = await server.request().get(`/api/users/${user.id.toUpperCase()}`).set(admin.auth);
    expect(managedUserOf(upper.body)).toEqual(user);

    // The new user logs in with the password the admin chose, and sees their email.
    const login = await server
      .request()
      .post('/auth/login')
      .send({ username, password: 'a long secret' })
      .expect(200);
    const me = await server
      .request()
      .get('/api/me')
      .set('Authorization', `Bearer ${(login.body as { access_token: string }).access_token}`);
    expect(UserSchema.strict().parse(me.body)).toEqual({
      id: user.id,
      username,
      role: 'user',
      email: 'carol.smith@example.com',
      created_at: user.created_at,
    });

    const promoted = await patchUser(server, admin, user.id, { role: 'admin', email: null });
    expect(promoted.status).toBe(200);
    expect(managedUserOf(promoted.body)).toEqual({ ...user, role: 'admin', email: null });

    const deleted = await server.request().delete(`/api/users/${user.id}`).set(admin.auth);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expectProblem(
      await server.request().get(`/api/users/${user.id}`).set(admin.auth),
      404,
      'user-not-found',
    );
    expectProblem(
      await server.request().delete(`/api/users/${user.id}`).set(admin.auth),
      404,
      'user-not-found',
    );
  });

  it('creates an admin directly, without email', async () => {
    const created = await createViaApi({
      username: uniqueUsername('boss'),
      password: 'a long secret',
      role: 'admin',
    });
    expect(created.status).toBe(201);
    expect(managedUserOf(created.body)).toMatchObject({ role: 'admin', email: null });
  });

  it('answers 404 for unknown and malformed ids on every route that takes one', async () => {
    for (const id of [SOME_ID, 'not-a-uuid', '1']) {
      expectProblem(
        await server.request().get(`/api/users/${id}`).set(admin.auth),
        404,
        'user-not-found',
      );
      expectProblem(await patchUser(server, admin, id, { role: 'user' }), 404, 'user-not-found');
      expectProblem(
        await server.request().delete(`/api/users/${id}`).set(admin.auth),
        404,
        'user-not-found',
      );
    }
  });

  it('refuses invalid bodies with 400 validation-failed, naming each field', async () => {
    const invalid = await createViaApi({
      username: 'No Spaces',
      password: 'short',
      email: 'not an email',
      role: 'owner',
    });
    const problem = expectProblem(invalid, 400, 'validation-failed');
    expect(problem.errors?.map((error) => error.path).sort()).toEqual([
      'body.email',
      'body.password',
      'body.role',
      'body.username',
    ]);
    const unknownField = await createViaApi({
      username: uniqueUsername('x'),
      password: 'long enough',
      role: 'user',
      is_admin: true,
    });
    expectProblem(unknownField, 400, 'validation-failed');

    const target = managedUserOf(
      (await createViaApi({ username: uniqueUsername('t'), password: 'long enough', role: 'user' }))
        .body,
    );
    const empty = await patchUser(server, admin, target.id, {});
    expect(expectProblem(empty, 400, 'validation-failed').errors).toEqual([
      { path: 'body', message: 'must change at least one field' },
    ]);
    expectProblem(
      await patchUser(server, admin, target.id, { disabled: 'yes' }),
      400,
      'validation-failed',
    );
    expectProblem(
      await patchUser(server, admin, target.id, { password: 'new password' }),
      400,
      'validation-failed',
    );
  });

  it('keeps usernames and emails unique (409 username-taken, email-taken), whatever the case', async () => {
    const username = uniqueUsername('uniq');
    const email = `${username}@example.org`;
    const first = await createViaApi({ username, password: 'long enough', email, role: 'user' });
    expect(first.status).toBe(201);
    const sameName = await createViaApi({ username, password: 'long enough', role: 'user' });
    expectProblem(sameName, 409, 'username-taken');
    const sameEmail = await createViaApi({
      username: uniqueUsername('uniq'),
      password: 'long enough',
      email: ` ${email.toUpperCase()}`,
      role: 'user',
    });
    expect(expectProblem(sameEmail, 409, 'email-taken').detail).toBe(
      'Another account has this email address',
    );

    const other = managedUserOf(
      (
        await createViaApi({
          username: uniqueUsername('uniq'),
          password: 'long enough',
          role: 'user',
        })
      ).body,
    );
    expectProblem(
      await patchUser(server, admin, other.id, { email: email.toUpperCase() }),
      409,
      'email-taken',
    );
    // The refused change changed nothing, not even the fields sent with it.
    expectProblem(
      await patchUser(server, admin, other.id, { email, role: 'admin' }),
      409,
      'email-taken',
    );
    const unchanged = await server.request().get(`/api/users/${other.id}`).set(admin.auth);
    expect(managedUserOf(unchanged.body)).toEqual(other);

    // Once the first gives the address up, the other may have it; any number may have none.
    const firstUser = managedUserOf(first.body);
    expect((await patchUser(server, admin, firstUser.id, { email: null })).status).toBe(200);
    const moved = await patchUser(server, admin, other.id, { email: `  ${email.toUpperCase()}` });
    expect(managedUserOf(moved.body).email).toBe(email);
  });
});

describe(`listing users (${TEST_DATABASE_KIND})`, () => {
  let listing: TestServer;
  let listingAdmin: { auth: Record<string, string> };
  /** Every account of the listing server, by username. */
  let everyone: { username: string; email: string | null }[];

  const NAMES = 'abcdefghijklmnopqrstuvwxyz';

  beforeAll(async () => {
    // Its own database, with usernames of letters and digits only, which every collation orders
    // alike, so the expected order is JavaScript's.
    listing = await startTestServer();
    const passwordHash = await hashPassword('correct horse battery');
    const rows = Array.from({ length: 47 }, (_, index) => {
      const username = `${NAMES[index % 26] ?? 'z'}${NAMES[(index * 7) % 26] ?? 'z'}user${String(index).padStart(3, '0')}`;
      const email =
        index % 3 === 0
          ? `${username}@example.org`
          : index % 3 === 1
            ? `first_${username}@shelf.test`
            : null;
      return {
        id: crypto.randomUUID(),
        username,
        password_hash: passwordHash,
        role: index === 0 ? ('admin' as const) : ('user' as const),
        email,
        created_at: new Date().toISOString(),
      };
    });
    // One email with an underscore right before a digit, to show `_` matches only itself.
    const wild = rows[5];
    if (wild !== undefined) wild.email = 'under_score_100@shelf.test';
    await listing.db.insertInto('users').values(rows).execute();
    everyone = rows
      .map(({ username, email }) => ({ username, email }))
      .sort((a, b) => (a.username < b.username ? -1 : 1));
    const first = rows[0];
    if (first === undefined) throw new Error('no admin row');
    const login = await listing
      .request()
      .post('/auth/login')
      .send({ username: first.username, password: 'correct horse battery' })
      .expect(200);
    listingAdmin = {
      auth: { Authorization: `Bearer ${(login.body as { access_token: string }).access_token}` },
    };
  });
  afterAll(async () => {
    await listing.close();
  });

  /** Every page of GET /api/users with `query`, following next_cursor to the end. */
  const walk = async (query: Record<string, string | number>) => {
    const pages: ManagedUser[][] = [];
    let cursor: string | null = null;
    do {
      const response = await listing
        .request()
        .get('/api/users')
        .query({ ...query, ...(cursor === null ? {} : { cursor }) })
        .set(listingAdmin.auth);
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const page = ManagedUserPageSchema.strict().parse(response.body);
      pages.push(page.items);
      cursor = page.next_cursor;
      if (cursor !== null) expect(cursor).toMatch(/^[\w-]+$/);
      expect(pages.length).toBeLessThan(100);
    } while (cursor !== null);
    return pages;
  };

  const usernamesOf = (pages: ManagedUser[][]) => pages.flat().map((user) => user.username);

  it('pages through every user once, in username order, by cursor', async () => {
    const pages = await walk({ limit: 10 });
    expect(pages.map((page) => page.length)).toEqual([10, 10, 10, 10, 7]);
    expect(usernamesOf(pages)).toEqual(everyone.map((user) => user.username));
    const byDefault = await walk({});
    expect(byDefault.map((page) => page.length)).toEqual([20, 20, 7]);
    const one = await walk({ limit: 1 });
    expect(usernamesOf(one)).toEqual(everyone.map((user) => user.username));
  });

  it('filters by a case-insensitive substring of the username or email, paging the same way', async () => {
    const expectMatches = async (
      q: string,
      matches: (user: (typeof everyone)[number]) => boolean,
    ) => {
      const expected = everyone.filter(matches).map((user) => user.username);
      expect(expected.length, q).toBeGreaterThan(0);
      expect(usernamesOf(await walk({ q, limit: 4 })), q).toEqual(expected);
    };
    await expectMatches('EXAMPLE.ORG', (user) => user.email?.includes('example.org') === true);
    const pair = everyone[10]?.username.slice(0, 2) ?? 'zz';
    await expectMatches(pair.toUpperCase(), (user) => user.username.includes(pair));
    await expectMatches('first_', (user) => user.email?.includes('first_') === true);
    await expectMatches('  User01 ', (user) => user.username.includes('user01'));
    // `%` and `_` are literal: no address holds a `%`, and `_` matches only an underscore.
    await expectMatches('_', (user) => user.email?.includes('_') === true);
    await expectMatches('e_1', (user) => user.email?.includes('e_1') === true);
    expect(await walk({ q: '%' })).toEqual([[]]);
    expect(await walk({ q: 'nobody-like-this' })).toEqual([[]]);
  });

  it('refuses a malformed cursor with 400 invalid-cursor, and a limit outside 1-100', async () => {
    for (const cursor of [
      'not-a-cursor',
      Buffer.from('{"u":"Not A Name"}').toString('base64url'),
      Buffer.from('{"k":1}').toString('base64url'),
    ]) {
      const response = await listing
        .request()
        .get('/api/users')
        .query({ cursor })
        .set(listingAdmin.auth);
      expect(expectProblem(response, 400, 'invalid-cursor').errors).toEqual([
        { path: 'query.cursor', message: 'is not a cursor this list produced' },
      ]);
    }
    for (const limit of ['0', '101', 'ten']) {
      const response = await listing
        .request()
        .get('/api/users')
        .query({ limit })
        .set(listingAdmin.auth);
      expectProblem(response, 400, 'validation-failed');
    }
  });
});

describe(`admin action logs (${TEST_DATABASE_KIND})`, () => {
  interface Entry {
    level: number;
    msg: string;
    action?: string;
    actor?: { id: string; username: string };
    target?: { id: string; username: string };
    changes?: Record<string, unknown>;
    req?: { id?: string; method?: string; url?: string };
  }

  it('logs every admin action at info with the actor and the target, never a password', async () => {
    const username = uniqueUsername('logged');
    const created = managedUserOf(
      (
        await createViaApi({
          username,
          password: 'a password never logged',
          email: 'logged@example.net',
          role: 'user',
        })
      ).body,
    );
    await patchUser(server, admin, created.id, { disabled: true, email: null }).expect(200);
    await server.request().delete(`/api/users/${created.id}`).set(admin.auth).expect(204);

    const entries = lines.map((line) => JSON.parse(line) as Entry);
    const actions = entries.filter((entry) => entry.target?.id === created.id);
    const actor = { id: admin.id, username: admin.username };
    const target = { id: created.id, username };
    expect(actions).toEqual([
      expect.objectContaining({
        level: 30,
        action: 'user.create',
        actor,
        target,
        req: expect.objectContaining({ method: 'POST', url: '/api/users' }) as unknown,
      }),
      expect.objectContaining({
        level: 30,
        action: 'user.update',
        actor,
        target,
        changes: { disabled: true, email: 'removed' },
      }),
      expect.objectContaining({ level: 30, action: 'user.delete', actor, target }),
    ]);
    const everything = lines.join('\n');
    expect(everything).not.toContain('a password never logged');
    expect(everything).not.toContain('logged@example.net');
  });
});
