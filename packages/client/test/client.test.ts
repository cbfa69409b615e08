import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createShelfClient, ShelfApiError, unwrap, type Book } from '../src/index.js';
import { recordingFetch, startApi } from './api-server.js';

let api: Awaited<ReturnType<typeof startApi>>;

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

describe('createShelfClient', () => {
  it('logs in, lists every page, creates a book and logs out without touching a token', async () => {
    const sessions: unknown[] = [];
    const client = createShelfClient({
      baseUrl: api.url,
      onSessionChange: (session) => sessions.push(session),
    });
    const login = await client.auth.login('alice', 'secret123');
    expect(login.status).toBe(200);
    expect(client.auth.session?.accessToken).toMatch(/^ey/);
    expect(client.auth.session?.refreshToken).toBeTypeOf('string');

    const titles: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await unwrap(
        client.books.list({ query: { limit: 10, ...(cursor === undefined ? {} : { cursor }) } }),
      );
      titles.push(...page.items.map((book: Book) => book.title));
      cursor = page.next_cursor ?? undefined;
    } while (cursor !== undefined);
    expect(titles).toContain('The Hobbit');
    expect(new Set(titles).size).toBe(titles.length);

    const created = await client.books.create({
      body: { title: 'Client Book', author: 'SDK', tags: ['sdk'] },
    });
    expect(created.status).toBe(201);
    if (created.status === 201) {
      expect(created.body).toMatchObject({ title: 'Client Book', tags: ['sdk'] });
      expect(created.headers.get('location')).toBe(`/api/books/${created.body.id}`);
    }

    await client.auth.logout();
    expect(client.auth.session).toBeNull();
    expect(sessions.at(-1)).toBeNull();
    const afterLogout = await client.auth.me();
    expect(afterLogout.status).toBe(401);
  });

  it('returns a failed login as a typed result', async () => {
    const client = createShelfClient({ baseUrl: api.url });
    const result = await client.auth.login('alice', 'wrong password');
    expect(result.status).toBe(401);
    if (result.status === 401) expect(result.body.detail).toBe('Invalid username or password');
    expect(client.auth.session).toBeNull();
  });

  it('turns non-2xx results into ShelfApiError carrying the problem body', async () => {
    const client = createShelfClient({ baseUrl: api.url });
    await client.auth.login('bob', 'secret456');
    const invalid = client.books.create({ body: { title: '', author: 'x', isbn: '123' } });
    const error = await unwrap(invalid).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ShelfApiError);
    const apiError = error as ShelfApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('validation-failed');
    expect(apiError.errors.map((field) => field.path).sort()).toEqual(['body.isbn', 'body.title']);

    const missing = await unwrap(
      client.books.get({ params: { id: '00000000-0000-4000-8000-000000000000' } }),
    ).catch((caught: unknown) => caught);
    expect(missing).toMatchObject({ status: 404, code: 'book-not-found' });
  });
});

describe('owners and tags', () => {
  it('lists the caller’s books with owner=me, each with its owner’s username, and the tags in use', async () => {
    const client = createShelfClient({ baseUrl: api.url });
    await client.auth.login('bob', 'secret456');
    await unwrap(
      client.books.create({
        body: { title: 'Mine', author: 'Bob', tags: [' SDK-Tag ', 'sdk-tag'] },
      }),
    );
    const mine = await unwrap(client.books.list({ query: { owner: 'me', limit: 100 } }));
    expect(mine.items.length).toBeGreaterThan(0);
    expect(new Set(mine.items.map((book) => book.owner_username))).toEqual(new Set(['bob']));
    expect(mine.items.find((book) => book.title === 'Mine')?.tags).toEqual(['sdk-tag']);

    const tags = await client.tags.list({ query: { q: 'SDK', limit: 5 } });
    expect(tags.status).toBe(200);
    if (tags.status === 200) expect(tags.body.items).toContainEqual({ name: 'sdk-tag', count: 1 });
  });
});

describe('sessions', () => {
  let shortLived: Awaited<ReturnType<typeof startApi>>;

  beforeAll(async () => {
    shortLived = await startApi({ ACCESS_TOKEN_TTL: '3', REFRESH_REUSE_GRACE: '0' });
  });
  afterAll(async () => {
    await shortLived.stop();
  });

  /** Past the 3 s access-token lifetime of `shortLived`, on its clock (no sleep). */
  const ACCESS_TOKEN_LIFETIME_MS = 3_100;

  /** A client whose clock believes the access token is still good when the server says it is not. */
  const clientWithStaleToken = async (
    recorder: ReturnType<typeof recordingFetch>,
    username: string,
    password: string,
  ) => {
    const login = createShelfClient({ baseUrl: shortLived.url });
    await login.auth.login(username, password);
    const session = login.auth.session;
    if (session === null) throw new Error('login failed');
    shortLived.clock.advance(ACCESS_TOKEN_LIFETIME_MS);
    return createShelfClient({
      baseUrl: shortLived.url,
      fetch: recorder.fetch,
      refreshSkewSeconds: 0,
      tokens: { ...session, accessTokenExpiresAt: Date.now() + 3_600_000 },
    });
  };

  it('refreshes an expired access token after a 401 and replays the call', async () => {
    const recorder = recordingFetch();
    const client = await clientWithStaleToken(recorder, 'bob', 'secret456');
    const staleToken = client.auth.session?.accessToken;
    const me = await client.auth.me();
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'bob' });
    expect(recorder.calls).toEqual(['GET /api/me', 'POST /auth/refresh', 'GET /api/me']);
    expect(client.auth.session?.accessToken).not.toBe(staleToken);
  });

  it('refreshes shortly before expiry without meeting a 401', async () => {
    const recorder = recordingFetch();
    const client = createShelfClient({
      baseUrl: shortLived.url,
      fetch: recorder.fetch,
      refreshSkewSeconds: 5,
    });
    await client.auth.login('bob', 'secret456');
    const me = await client.auth.me();
    expect(me.status).toBe(200);
    expect(recorder.calls).toEqual(['POST /auth/login', 'POST /auth/refresh', 'GET /api/me']);
  });

  it('shares one refresh among 50 concurrent calls that meet a 401', async () => {
    const recorder = recordingFetch();
    const client = await clientWithStaleToken(recorder, 'alice', 'secret123');
    const results = await Promise.all(
      Array.from({ length: 50 }, () => client.books.list({ query: { limit: 1 } })),
    );
    expect(results.map((result) => result.status)).toEqual(Array(50).fill(200));
    expect(recorder.count('POST /auth/refresh')).toBe(1);
    expect(recorder.count('GET /api/books')).toBe(100);
  });

  it('shares one refresh among 50 concurrent calls with a token known to be expired', async () => {
    const recorder = recordingFetch();
    const client = createShelfClient({
      baseUrl: shortLived.url,
      fetch: recorder.fetch,
      refreshSkewSeconds: 0,
      now: shortLived.clock.now,
    });
    await client.auth.login('alice', 'secret123');
    shortLived.clock.advance(ACCESS_TOKEN_LIFETIME_MS);
    const results = await Promise.all(Array.from({ length: 50 }, () => client.auth.me()));
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(recorder.count('POST /auth/refresh')).toBe(1);
    expect(recorder.count('GET /api/me')).toBe(50);
  });

  it('clears the session, fires onSessionExpired once and returns the 401 when refresh fails', async () => {
    const onSessionExpired = vi.fn();
    const recorder = recordingFetch();
    const client = createShelfClient({
      baseUrl: shortLived.url,
      fetch: recorder.fetch,
      refreshSkewSeconds: 0,
      onSessionExpired,
      now: shortLived.clock.now,
    });
    await client.auth.login('bob', 'secret456');
    const stolenRefreshToken = client.auth.session?.refreshToken ?? '';
    await fetch(`${shortLived.url}/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: stolenRefreshToken }),
    });
    shortLived.clock.advance(ACCESS_TOKEN_LIFETIME_MS);

    const results = await Promise.all(Array.from({ length: 5 }, () => client.auth.me()));
    expect(results.map((result) => result.status)).toEqual(Array(5).fill(401));
    const first = results[0];
    if (first?.status === 401) expect(first.body.detail).toBe('Invalid or expired token');
    expect(recorder.count('POST /auth/refresh')).toBe(1);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(client.auth.session).toBeNull();
  });

  it('treats a 204 from refresh as signed out: false, no throw, no retry, no expiry callback', async () => {
    const onSessionExpired = vi.fn();
    const sessions: unknown[] = [];
    const recorder = recordingFetch();
    // A browser after a reload without the refresh cookie: the cookie mode sends no token.
    const client = createShelfClient({
      baseUrl: shortLived.url,
      fetch: recorder.fetch,
      useRefreshCookie: true,
      onSessionExpired,
      onSessionChange: (session) => sessions.push(session),
    });
    await expect(client.auth.refresh()).resolves.toBe(false);
    expect(recorder.calls).toEqual(['POST /auth/refresh']);
    expect(client.auth.session).toBeNull();
    expect(onSessionExpired).not.toHaveBeenCalled();
    expect(sessions).toEqual([]);
    const me = await client.auth.me();
    expect(me.status).toBe(401);
    expect(recorder.calls).toEqual(['POST /auth/refresh', 'GET /api/me', 'POST /auth/refresh']);
  });

  it('restores a session from given tokens', async () => {
    const first = createShelfClient({ baseUrl: shortLived.url });
    await first.auth.login('alice', 'secret123');
    const tokens = first.auth.session;
    if (tokens === null) throw new Error('no session');
    const second = createShelfClient({ baseUrl: shortLived.url, tokens });
    expect((await second.auth.me()).status).toBe(200);
  });
});

describe('retries', () => {
  it('retries a GET that meets a 5xx, with backoff, then returns the last answer', async () => {
    const failing = await startApi();
    await failing.db.destroy();
    const recorder = recordingFetch();
    const client = createShelfClient({
      baseUrl: failing.url,
      fetch: recorder.fetch,
      retry: { baseDelayMs: 10 },
    });
    const ready = await client.health.ready();
    expect(ready.status).toBe(503);
    expect(recorder.count('GET /health/ready')).toBe(3);
    await failing.stop();
  });

  it('retries network failures on GET but never on POST unless asked', async () => {
    const gone = await startApi();
    const url = gone.url;
    await gone.stop();
    const recorder = recordingFetch();
    const client = createShelfClient({
      baseUrl: url,
      fetch: recorder.fetch,
      retry: { baseDelayMs: 10 },
    });
    await expect(client.health.live()).rejects.toThrow();
    expect(recorder.count('GET /health')).toBe(3);
    await expect(
      client.auth.register({ body: { username: 'someone', password: 'long enough' } }),
    ).rejects.toThrow();
    expect(recorder.count('POST /auth/register')).toBe(1);

    const optedIn = createShelfClient({
      baseUrl: url,
      fetch: recorder.fetch,
      retry: { baseDelayMs: 10, retryNonIdempotent: true },
    });
    await expect(
      optedIn.auth.register({ body: { username: 'someone', password: 'long enough' } }),
    ).rejects.toThrow();
    expect(recorder.count('POST /auth/register')).toBe(4);
  });
});
