import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShelfClient, type Session } from '../src/index.js';
import { recordingFetch, startApi } from './api-server.js';

let api: Awaited<ReturnType<typeof startApi>>;

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

let accounts = 0;

/** Registers a fresh account through the SDK; returns its username and password. */
const registerAccount = async () => {
  const username = `sdk_account_${process.pid}_${++accounts}`;
  const password = 'first password';
  const registered = await createShelfClient({ baseUrl: api.url }).auth.register({
    body: { username, password },
  });
  expect(registered.status).toBe(201);
  return { username, password };
};

describe('client.auth.changePassword', () => {
  it('keeps the new session the server starts, and the other sessions of the account end', async () => {
    const { username, password } = await registerAccount();
    const recorder = recordingFetch();
    const sessions: (Session | null)[] = [];
    const client = createShelfClient({
      baseUrl: api.url,
      fetch: recorder.fetch,
      onSessionChange: (session) => sessions.push(session),
    });
    await client.auth.login(username, password);
    const before = client.auth.session;
    let otherExpired = false;
    const otherDevice = createShelfClient({
      baseUrl: api.url,
      onSessionExpired: () => {
        otherExpired = true;
      },
    });
    await otherDevice.auth.login(username, password);

    const result = await client.auth.changePassword(password, 'second password');

    expect(result.status).toBe(200);
    if (result.status === 200) {
      expect(client.auth.session?.accessToken).toBe(result.body.access_token);
      expect(client.auth.session?.refreshToken).toBe(result.body.refresh_token);
    }
    expect(client.auth.session?.accessToken).not.toBe(before?.accessToken);
    expect(client.auth.session?.refreshToken).not.toBe(before?.refreshToken);
    expect(sessions.at(-1)).toEqual(client.auth.session);

    const me = await client.auth.me();
    expect(me.body).toMatchObject({ username });
    expect(await client.auth.refresh()).toBe(true);
    expect(recorder.calls).toEqual([
      'POST /auth/login',
      'POST /api/me/password',
      'GET /api/me',
      'POST /auth/refresh',
    ]);

    const elsewhere = await otherDevice.auth.me();
    expect(elsewhere.status).toBe(401);
    expect(otherDevice.auth.session).toBeNull();
    expect(otherExpired).toBe(true);

    const fresh = createShelfClient({ baseUrl: api.url });
    expect((await fresh.auth.login(username, password)).status).toBe(401);
    expect((await fresh.auth.login(username, 'second password')).status).toBe(200);
  });

  it('returns a wrong current password as a typed 403 and keeps the session', async () => {
    const { username, password } = await registerAccount();
    const recorder = recordingFetch();
    const client = createShelfClient({ baseUrl: api.url, fetch: recorder.fetch });
    await client.auth.login(username, password);
    const before = client.auth.session;

    const result = await client.auth.changePassword('not the password', 'second password');

    expect(result.status).toBe(403);
    if (result.status === 403) expect(result.body.code).toBe('invalid-credentials');
    expect(client.auth.session).toEqual(before);
    // A 403 is not a session problem: no refresh, no replay.
    expect(recorder.calls).toEqual(['POST /auth/login', 'POST /api/me/password']);
    expect((await client.auth.me()).status).toBe(200);
  });
});

describe('client.auth.deleteAccount', () => {
  it('deletes the account and forgets the session', async () => {
    const { username, password } = await registerAccount();
    const sessions: (Session | null)[] = [];
    const client = createShelfClient({
      baseUrl: api.url,
      onSessionChange: (session) => sessions.push(session),
    });
    await client.auth.login(username, password);
    const created = await client.books.create({ body: { title: 'Goes too', author: 'Me' } });
    expect(created.status).toBe(201);

    const result = await client.auth.deleteAccount(password);

    expect(result.status).toBe(204);
    expect(result.body).toBeUndefined();
    expect(client.auth.session).toBeNull();
    expect(sessions.at(-1)).toBeNull();
    expect((await client.auth.me()).status).toBe(401);
    expect((await client.auth.login(username, password)).status).toBe(401);
  });

  it('returns the last admin’s refusal as a typed 409 and keeps the session', async () => {
    // alice is the demo data's only admin.
    const client = createShelfClient({ baseUrl: api.url });
    await client.auth.login('alice', 'secret123');
    const before = client.auth.session;

    const result = await client.auth.deleteAccount('secret123');

    expect(result.status).toBe(409);
    if (result.status === 409) {
      expect(result.body).toMatchObject({ code: 'last-admin', status: 409 });
    }
    expect(client.auth.session).toEqual(before);
    expect((await client.auth.me()).body).toMatchObject({ username: 'alice', role: 'admin' });
  });

  it('returns a wrong password as a typed 403 and keeps the account', async () => {
    const { username, password } = await registerAccount();
    const client = createShelfClient({ baseUrl: api.url });
    await client.auth.login(username, password);

    const result = await client.auth.deleteAccount('not the password');

    expect(result.status).toBe(403);
    expect(client.auth.session).not.toBeNull();
    expect((await client.auth.me()).body).toMatchObject({ username });
  });
});
