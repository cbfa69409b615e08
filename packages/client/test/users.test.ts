import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShelfClient, ShelfApiError, unwrap, type ManagedUser } from '../src/index.js';
import { recordingFetch, startApi } from './api-server.js';

let api: Awaited<ReturnType<typeof startApi>>;

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

const signedIn = async (username: string, password: string, fetchImpl?: typeof fetch) => {
  const client = createShelfClient({
    baseUrl: api.url,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  const login = await client.auth.login(username, password);
  expect(login.status).toBe(200);
  return client;
};

describe('client.users (admins)', () => {
  it('lists, creates, reads, updates and deletes users with typed results', async () => {
    const alice = await signedIn('alice', 'secret123');

    const demo = await unwrap(alice.users.list({ query: { q: 'EXAMPLE.COM' } }));
    expect(demo.items.map((user) => [user.username, user.email, user.role, user.disabled])).toEqual(
      [
        ['alice', 'alice@example.com', 'admin', false],
        ['bob', 'bob@example.com', 'user', false],
      ],
    );
    expect(demo.next_cursor).toBeNull();

    const username = `sdk_managed_${process.pid}`;
    const created = await alice.users.create({
      body: { username, password: 'a long secret', email: ' Dana@Example.NET', role: 'user' },
    });
    expect(created.status).toBe(201);
    if (created.status !== 201) throw new Error('not created');
    const user: ManagedUser = created.body;
    expect(user).toMatchObject({
      username,
      email: 'dana@example.net',
      role: 'user',
      disabled: false,
    });
    expect(created.headers.get('location')).toBe(`/api/users/${user.id}`);

    const taken = await alice.users.create({
      body: {
        username: `${username}_2`,
        password: 'a long secret',
        email: 'DANA@example.net',
        role: 'user',
      },
    });
    expect(taken.status).toBe(409);
    if (taken.status === 409) expect(taken.body.code).toBe('email-taken');

    expect(await unwrap(alice.users.get({ params: { id: user.id } }))).toEqual(user);

    const dana = await signedIn(username, 'a long secret');
    const disabled = await unwrap(
      alice.users.update({ params: { id: user.id }, body: { disabled: true } }),
    );
    expect(disabled.disabled).toBe(true);
    // Her session ends: the next call is refused and the refresh too, so the client signs her out.
    const refused = await dana.auth.me();
    expect(refused.status).toBe(401);
    expect(dana.auth.session).toBeNull();
    const login = await createShelfClient({ baseUrl: api.url }).auth.login(
      username,
      'a long secret',
    );
    expect(login.status).toBe(403);
    if (login.status === 403) expect(login.body.code).toBe('account-disabled');

    const promoted = await unwrap(
      alice.users.update({
        params: { id: user.id },
        body: { disabled: false, role: 'admin', email: null },
      }),
    );
    expect(promoted).toMatchObject({ role: 'admin', disabled: false, email: null });

    const deleted = await alice.users.delete({ params: { id: user.id } });
    expect(deleted.status).toBe(204);
    const gone = alice.users.get({ params: { id: user.id } });
    await expect(unwrap(gone)).rejects.toMatchObject({ status: 404, code: 'user-not-found' });
  });

  it('pages with next_cursor', async () => {
    const alice = await signedIn('alice', 'secret123');
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await unwrap(
        alice.users.list({ query: { limit: 1, ...(cursor ? { cursor } : {}) } }),
      );
      seen.push(...page.items.map((user) => user.username));
      if (page.next_cursor === null) break;
      cursor = page.next_cursor;
    }
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(['alice', 'bob']));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('gives a user who is not an admin a typed 403 admin-required, and retries no refused write', async () => {
    const recorder = recordingFetch();
    const bob = await signedIn('bob', 'secret456', recorder.fetch);
    const listed = await bob.users.list({ query: {} });
    expect(listed.status).toBe(403);
    if (listed.status === 403) expect(listed.body.code).toBe('admin-required');
    const error = await unwrap(
      bob.users.create({
        body: { username: 'never_made', password: 'long enough', role: 'admin' },
      }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ShelfApiError);
    expect(error).toMatchObject({ status: 403, code: 'admin-required' });
    expect(recorder.count('POST /api/users')).toBe(1);
  });
});
