import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookPageSchema, BookSchema } from '@shelf/contracts';
import {
  createUser,
  expectProblem,
  startTestServer,
  TEST_DATABASE_KIND,
  type TestServer,
  type TestUser,
} from './test-server.js';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  alice = await createUser(server, 'alice');
  bob = await createUser(server, 'bob');
});
afterAll(async () => {
  await server.close();
});

let keyCounter = 0;
const newKey = () => `key-${process.pid}-${Date.now()}-${++keyCounter}`;

const post = (user: TestUser, key: string | undefined, body: unknown) => {
  const request = server.request().post('/api/books').set(user.auth);
  if (key !== undefined) request.set('Idempotency-Key', key);
  return request.send(body as object);
};

const titledCount = async (user: TestUser, title: string) => {
  const page = await server
    .request()
    .get('/api/books')
    .query({ q: title, limit: 100 })
    .set(user.auth);
  return BookPageSchema.parse(page.body).items.filter((book) => book.title === title).length;
};

describe(`Idempotency-Key on POST /api/books, ${TEST_DATABASE_KIND}`, () => {
  it('replays the first response for a retry with the same body, and creates nothing more', async () => {
    const key = newKey();
    const title = `Replayed ${key}`;
    const first = await post(alice, key, { title, author: 'Ann Author', tags: ['x', 'y'] });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const book = BookSchema.strict().parse(first.body);

    // The same parsed JSON, in another key order.
    const retry = await server
      .request()
      .post('/api/books')
      .set(alice.auth)
      .set('Idempotency-Key', key)
      .set('Content-Type', 'application/json')
      .send(`{ "tags": ["x", "y"], "author": "Ann Author", "title": ${JSON.stringify(title)} }`);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(book);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(await titledCount(alice, title)).toBe(1);

    const stored = await server.db
      .selectFrom('idempotency_keys')
      .select(['status', 'expires_at', 'created_at'])
      .where('user_id', '=', alice.id)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe(201);
    const keptMs = Date.parse(stored.expires_at) - Date.parse(stored.created_at);
    expect(keptMs).toBe(24 * 3600 * 1000);
  });

  it('refuses the same key with a different body with 422 and creates nothing', async () => {
    const key = newKey();
    const title = `Original ${key}`;
    expect((await post(alice, key, { title, author: 'A' })).status).toBe(201);
    const other = `Different ${key}`;
    const response = await post(alice, key, { title: other, author: 'A' });
    expectProblem(response, 422, 'idempotency-key-reused');
    expect(await titledCount(alice, other)).toBe(0);
  });

  it('scopes keys to the user: the same key from another user is a new request', async () => {
    const key = newKey();
    const first = await post(alice, key, { title: `Scoped ${key}`, author: 'A' });
    const second = await post(bob, key, { title: `Scoped ${key}`, author: 'A' });
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect((second.body as { id: string }).id).not.toBe((first.body as { id: string }).id);
    expect((second.body as { owner_id: string }).owner_id).toBe(bob.id);
  });

  it('creates exactly one book for concurrent requests with one key', async () => {
    const key = newKey();
    const title = `Concurrent ${key}`;
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => post(alice, key, { title, author: 'A' })),
    );
    const created = responses.filter((response) => response.status === 201);
    for (const response of responses.filter((r) => r.status !== 201)) {
      expectProblem(response, 409, 'idempotency-key-in-progress');
    }
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map((response) => (response.body as { id: string }).id)).size).toBe(1);
    expect(created.filter((r) => r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    expect(await titledCount(alice, title)).toBe(1);
  });

  it('does not keep a key whose create failed: the retry gets the same error, then may succeed', async () => {
    const key = newKey();
    const isbn = '9780306406157';
    const holder = await post(bob, undefined, { title: 'Holder', author: 'H', isbn });
    expectProblem(await post(alice, key, { title: 'Taken', author: 'T', isbn }), 409, 'isbn-taken');
    expectProblem(await post(alice, key, { title: 'Taken', author: 'T', isbn }), 409, 'isbn-taken');
    const row = await server.db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('key', '=', key)
      .executeTakeFirst();
    expect(row).toBeUndefined();

    await server
      .request()
      .delete(`/api/books/${(holder.body as { id: string }).id}`)
      .set(bob.auth)
      .expect(204);
    const retried = await post(alice, key, { title: 'Taken', author: 'T', isbn });
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.body).toMatchObject({ title: 'Taken', isbn, owner_id: alice.id });
  });

  it('forgets a key after it expires', async () => {
    const key = newKey();
    const title = `Expiring ${key}`;
    await post(alice, key, { title, author: 'A' });
    await server.db
      .updateTable('idempotency_keys')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('key', '=', key)
      .execute();
    const again = await post(alice, key, { title, author: 'A' });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(await titledCount(alice, title)).toBe(2);
  });

  it('refuses malformed keys with 400 and creates nothing', async () => {
    for (const key of ['', 'has space', 'ünïcode', 'k'.repeat(256)]) {
      const title = `Malformed ${keyCounter++}`;
      const response = await server
        .request()
        .post('/api/books')
        .set(alice.auth)
        .set('Idempotency-Key', key)
        .send({ title, author: 'A' });
      const problem = expectProblem(response, 400, 'validation-failed');
      expect(new Set(problem.errors?.map((error) => error.path))).toEqual(
        new Set(['headers.idempotency-key']),
      );
      expect(await titledCount(alice, title)).toBe(0);
    }
  });

  it('accepts a key of 255 visible ASCII characters', async () => {
    const key = `~${'!'.repeat(253)}${keyCounter++}`.slice(0, 255);
    const response = await post(alice, key, { title: 'Long key', author: 'A' });
    expect(response.status).toBe(201);
  });

  it('exposes ETag, Location and Idempotent-Replayed to the web app through CORS', async () => {
    const response = await post(alice, newKey(), { title: 'Cors', author: 'A' }).set(
      'Origin',
      'http://localhost:5173',
    );
    const exposed = String(response.headers['access-control-expose-headers']).split(',');
    expect(exposed).toEqual(expect.arrayContaining(['ETag', 'Location', 'Idempotent-Replayed']));
  });
});
