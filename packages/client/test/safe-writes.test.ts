import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShelfClient, etagOf, unwrap, type Book } from '../src/index.js';
import { startApi } from './api-server.js';

let api: Awaited<ReturnType<typeof startApi>>;

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

/**
 * Forwards each call to the server, but loses the answer of the first `lose` calls of `method` to
 * /api/books (the server has acted on them; the caller sees a network failure).
 */
const lossyFetch = (method: string, lose: number) => {
  const sent: { method: string; headers: Headers }[] = [];
  let lost = 0;
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const isTarget = init?.method === method && url.pathname.startsWith('/api/books');
    if (isTarget) sent.push({ method, headers: new Headers(init.headers) });
    const response = await fetch(input, init);
    if (isTarget && lost < lose) {
      lost++;
      await response.body?.cancel();
      throw new TypeError('fetch failed: connection reset');
    }
    return response;
  };
  return { fetch: fetchImpl, sent: () => sent };
};

const signedIn = async (fetchImpl?: typeof fetch) => {
  const client = createShelfClient({
    baseUrl: api.url,
    retry: { baseDelayMs: 5 },
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
  });
  expect((await client.auth.login('alice', 'secret123')).status).toBe(200);
  return client;
};

const countTitled = async (title: string) => {
  const client = await signedIn();
  const page = await unwrap(client.books.list({ query: { q: title, limit: 100 } }));
  return page.items.filter((book: Book) => book.title === title).length;
};

describe('safe writes through @shelf/client', () => {
  it('sends an Idempotency-Key on every create, and a create whose answer was lost is retried with it once', async () => {
    const network = lossyFetch('POST', 1);
    const client = await signedIn(network.fetch);
    const title = `Lost answer ${Date.now()}`;
    const created = await client.books.create({ body: { title, author: 'Retry' } });

    expect(created.status).toBe(201);
    expect(created.headers.get('idempotent-replayed')).toBe('true');
    const creates = network.sent().filter((call) => call.headers.has('idempotency-key'));
    expect(creates).toHaveLength(2);
    expect(creates[0]?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(creates[1]?.headers.get('idempotency-key')).toBe(
      creates[0]?.headers.get('idempotency-key'),
    );
    expect(await countTitled(title)).toBe(1);
  });

  it('keeps a caller’s own Idempotency-Key', async () => {
    const network = lossyFetch('POST', 0);
    const client = await signedIn(network.fetch);
    const key = `mine-${Date.now()}`;
    const body = { title: `Own key ${key}`, author: 'K' };
    const first = await client.books.create({ body, headers: { 'idempotency-key': key } });
    const again = await client.books.create({ body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(network.sent().at(-1)?.headers.get('idempotency-key')).toBe(key);
    expect(await countTitled(body.title)).toBe(1);
  });

  it('exposes ETags and makes conditional writes, which it never retries', async () => {
    const network = lossyFetch('PUT', 1);
    const client = await signedIn(network.fetch);
    const created = await client.books.create({ body: { title: 'Versioned', author: 'E' } });
    if (created.status !== 201) throw new Error(`create failed: ${created.status}`);
    const id = created.body.id;
    const etag = etagOf(created);
    expect(etag).toBe(`"v1-${id}"`);

    // The answer to this conditional PUT is lost. PUT is otherwise retried, but a retry would meet
    // its own change as a 412: the client must surface the failure instead.
    await expect(
      client.books.replace({
        params: { id },
        body: { title: 'Lost', author: 'E' },
        headers: { 'if-match': etag ?? '' },
      }),
    ).rejects.toThrow(/connection reset/);
    expect(network.sent()).toHaveLength(1);

    // The change did land; the old ETag is now stale and the server says so.
    const stale = await client.books.replace({
      params: { id },
      body: { title: 'Stale', author: 'E' },
      headers: { 'if-match': etag ?? '' },
    });
    expect(stale.status).toBe(412);
    expect(etagOf(stale)).toBe(`"v2-${id}"`);
    expect(network.sent()).toHaveLength(2);

    const current = await client.books.get({ params: { id } });
    expect(current.status).toBe(200);
    if (current.status === 200) expect(current.body.title).toBe('Lost');
    const deleted = await client.books.delete({
      params: { id },
      headers: { 'if-match': etagOf(current) ?? '' },
    });
    expect(deleted.status).toBe(204);
  });
});
