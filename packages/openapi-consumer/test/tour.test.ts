import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from './api-server.js';
import { authenticate, createShelfClient } from './shelf-client.js';

type Api = Awaited<ReturnType<typeof startApi>>;

/** The data of a success, or a thrown error naming the status: narrows without a cast. */
const ok = <T>(result: { data?: T; response: Response }): T => {
  if (result.data === undefined)
    throw new Error(`expected a success, got ${result.response.status}`);
  return result.data;
};

describe('a client generated from the committed OpenAPI document', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ SEED_DEMO_DATA: 'false' });
  });
  afterAll(() => api.stop());

  it('tours the API: log in, search to the end, write, and read typed errors', async () => {
    const client = createShelfClient(api.url);
    const username = `openapi_${randomUUID().slice(0, 8)}`;
    const password = 'generated clients work';
    const user = ok(await client.POST('/auth/register', { body: { username, password } }));
    expect(user).toMatchObject({ username, role: 'user' });
    const tokens = ok(await client.POST('/auth/login', { body: { username, password } }));
    expect(tokens.token_type).toBe('Bearer');
    authenticate(client, tokens.access_token);
    expect(ok(await client.GET('/api/me')).id).toBe(user.id);

    const marker = `openapi-${randomUUID().slice(0, 8)}`;
    const created = [];
    for (const letter of ['C', 'A', 'B']) {
      const body = { title: `${marker} ${letter}`, author: 'Generated Client', tags: ['openapi'] };
      created.push(ok(await client.POST('/api/books', { body })));
    }

    const titles: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const query = {
        q: marker,
        sort: 'title' as const,
        limit: 1,
        ...(cursor === undefined ? {} : { cursor }),
      };
      const result = ok(await client.GET('/api/books', { params: { query } }));
      titles.push(...result.items.map((book) => book.title));
      if (result.next_cursor === null) break;
      cursor = result.next_cursor;
    }
    expect(titles).toEqual([`${marker} A`, `${marker} B`, `${marker} C`]);

    const [book] = created;
    if (book === undefined) throw new Error('no book was created');
    const path = { id: book.id };
    const read = await client.GET('/api/books/{id}', { params: { path } });
    expect(ok(read)).toEqual(book);
    const etag = read.response.headers.get('etag') ?? '';
    const patched = ok(
      await client.PATCH('/api/books/{id}', {
        params: { path, header: { 'if-match': etag } },
        body: { published_year: 1999 },
      }),
    );
    expect(patched.published_year).toBe(1999);
    const replaced = ok(
      await client.PUT('/api/books/{id}', {
        params: { path },
        body: {
          title: `${marker} replaced`,
          author: 'Generated Client',
          isbn: '978-0-261-10221-7',
        },
      }),
    );
    expect(replaced).toMatchObject({ isbn: '9780261102217', published_year: null, tags: [] });

    const duplicate = await client.POST('/api/books', {
      body: { title: `${marker} again`, author: 'Generated Client', isbn: '9780261102217' },
    });
    expect(duplicate.response.status).toBe(409);
    expect(duplicate.error?.code).toBe('isbn-taken');

    for (const { id } of created) {
      const deleted = await client.DELETE('/api/books/{id}', { params: { path: { id } } });
      expect(deleted.response.status).toBe(204);
    }
    const gone = await client.GET('/api/books/{id}', { params: { path } });
    expect(gone.response.status).toBe(404);
    expect(gone.error).toMatchObject({ status: 404, code: 'book-not-found' });
    expect(gone.error?.detail).toContain(book.id);
  });
});
