import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOK_SORTS, BookPageSchema, BookSchema, type Book } from '@shelf/contracts';
import { createBook as createBookOn, startBooksServer } from './book-fixtures.js';
import {
  expectProblem,
  fieldErrorsOf,
  type ResponseLike,
  type TestServer,
  type TestUser,
} from './test-server.js';

let server: TestServer;
let owner: TestUser;
let stranger: TestUser;
let admin: { Authorization: string };

beforeAll(async () => {
  const started = await startBooksServer('owner', 'stranger');
  ({ server, admin } = started);
  [owner, stranger] = started.users;
});
afterAll(async () => {
  await server.close();
});

const validBook = {
  title: 'The Left Hand of Darkness',
  author: 'Ursula K. Le Guin',
  isbn: '978-0-441-47812-5',
  published_year: 1969,
  tags: ['science-fiction', 'classic'],
};

/** A book of `user`'s: `validBook` without its ISBN, unless `body` says otherwise. */
const createBook = (user: TestUser, body: Record<string, unknown> = {}): Promise<Book> =>
  createBookOn(server, user, { ...validBook, isbn: null, ...body });

describe('POST /api/books', () => {
  it('creates a book owned by the caller, normalises the ISBN, and points Location at it', async () => {
    const response = await server.request().post('/api/books').set(owner.auth).send(validBook);
    expect(response.status).toBe(201);
    const book = BookSchema.strict().parse(response.body);
    expect(book).toMatchObject({
      title: validBook.title,
      author: validBook.author,
      isbn: '9780441478125',
      published_year: 1969,
      tags: ['science-fiction', 'classic'],
      owner_id: owner.id,
      owner_username: owner.username,
    });
    expect(book.created_at).toBe(book.updated_at);
    expect(response.headers.location).toBe(`/api/books/${book.id}`);
    const fetched = await server
      .request()
      .get(response.headers.location ?? '')
      .set(owner.auth);
    expect(fetched.body).toEqual(book);
  });

  it('gives each new book a version 7 UUID, later books larger ids, so inserts append to indexes', async () => {
    const created: Book[] = [];
    for (let i = 0; i < 3; i++) created.push(await createBook(owner, { title: `Ordered ${i}` }));
    for (const book of created) {
      expect(book.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      // The first 48 bits are the creation time in milliseconds, taken just after created_at's.
      const idMs = parseInt(book.id.replace('-', '').slice(0, 12), 16);
      expect(idMs - Date.parse(book.created_at)).toBeGreaterThanOrEqual(0);
      expect(idMs - Date.parse(book.created_at)).toBeLessThan(1000);
    }
    const ids = created.map((book) => book.id);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
  });

  it('rejects a duplicate ISBN with 409 and creates nothing', async () => {
    await createBook(owner, { isbn: '0-261-10221-4' });
    const response = await server
      .request()
      .post('/api/books')
      .set(stranger.auth)
      .send({ ...validBook, isbn: '0261102214' });
    expectProblem(response, 409, 'isbn-taken');
    const page = await server
      .request()
      .get('/api/books')
      .query({ q: validBook.title, limit: 100 })
      .set(owner.auth);
    expect(
      (page.body as { items: Book[] }).items.filter((book) => book.isbn === '0261102214'),
    ).toHaveLength(1);
  });

  it.each([
    ['an empty title', { title: '' }, 'body.title'],
    ['a title over 200 characters', { title: 'x'.repeat(201) }, 'body.title'],
    ['a missing author', { author: undefined }, 'body.author'],
    ['an ISBN with a wrong check digit', { isbn: '978-0-441-47812-6' }, 'body.isbn'],
    [
      'a year in the future',
      { published_year: new Date().getUTCFullYear() + 1 },
      'body.published_year',
    ],
    ['a fractional year', { published_year: 1969.5 }, 'body.published_year'],
    ['eleven tags', { tags: Array.from({ length: 11 }, (_, i) => `tag${i}`) }, 'body.tags'],
    ['a tag over 32 characters', { tags: ['x'.repeat(33)] }, 'body.tags.0'],
    ['an unknown field', { owner_id: '00000000-0000-4000-8000-000000000000' }, 'body'],
    ['a NUL byte in the title', { title: 'a\u0000b' }, 'body.title'],
    ['a newline in a tag', { tags: ['two\nlines'] }, 'body.tags.0'],
  ])('rejects %s with 400 naming the field', async (_case, override, path) => {
    const response = await server
      .request()
      .post('/api/books')
      .set(owner.auth)
      .send({ ...validBook, ...override });
    const problem = expectProblem(response, 400, 'validation-failed');
    expect(problem.errors?.map((error) => error.path)).toContain(path);
  });

  it('rejects a body over 100 KB with 413', async () => {
    const response = await server
      .request()
      .post('/api/books')
      .set(owner.auth)
      .send({ ...validBook, title: 'x'.repeat(110 * 1024) });
    expectProblem(response, 413, 'body-too-large');
  });

  it('rejects a non-JSON body with 415', async () => {
    const response = await server
      .request()
      .post('/api/books')
      .set(owner.auth)
      .type('form')
      .send({ title: 'x', author: 'y' });
    expectProblem(response, 415, 'unsupported-media-type');
  });

  it('rejects malformed JSON with 400, without a stack trace', async () => {
    const response = await server
      .request()
      .post('/api/books')
      .set(owner.auth)
      .type('application/json')
      .send('{"title":');
    const problem = expectProblem(response, 400, 'malformed-body');
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.js/);
  });

  it('answers 401 before looking at the body', async () => {
    const response = await server.request().post('/api/books').type('text/plain').send('nope');
    expectProblem(response, 401, 'unauthenticated');
  });
});

describe('GET /api/books/:id', () => {
  it('returns any book to any authenticated user', async () => {
    const book = await createBook(owner);
    const response = await server.request().get(`/api/books/${book.id}`).set(stranger.auth);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(book);
  });

  it.each(['7b0c2a34-0000-4000-8000-000000000000', 'not-a-uuid'])(
    'answers 404 for %s',
    async (id) => {
      const response = await server.request().get(`/api/books/${id}`).set(owner.auth);
      expect(expectProblem(response, 404, 'book-not-found').detail).toContain(id);
    },
  );

  it('answers 401 without credentials', async () => {
    const book = await createBook(owner);
    expectProblem(await server.request().get(`/api/books/${book.id}`), 401, 'unauthenticated');
  });
});

describe('PUT /api/books/:id', () => {
  it('replaces every field, clearing omitted optional ones', async () => {
    const book = await createBook(owner, {
      isbn: '9780547773742',
      published_year: 1968,
      tags: ['fantasy'],
    });
    const response = await server
      .request()
      .put(`/api/books/${book.id}`)
      .set(owner.auth)
      .send({ title: 'Earthsea', author: 'Le Guin' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: book.id,
      title: 'Earthsea',
      author: 'Le Guin',
      isbn: null,
      published_year: null,
      tags: [],
    });
    expect((response.body as Book).updated_at >= book.updated_at).toBe(true);
    expect((response.body as Book).created_at).toBe(book.created_at);
  });

  it('answers 403 to another user and changes nothing', async () => {
    const book = await createBook(owner);
    const response = await server
      .request()
      .put(`/api/books/${book.id}`)
      .set(stranger.auth)
      .send({ title: 'Mine now', author: 'Me' });
    expectProblem(response, 403, 'not-book-owner');
    expect((await server.request().get(`/api/books/${book.id}`).set(owner.auth)).body).toEqual(
      book,
    );
  });

  it('lets an admin replace anyone’s book', async () => {
    const book = await createBook(owner);
    const response = await server
      .request()
      .put(`/api/books/${book.id}`)
      .set(admin)
      .send({ title: 'Edited by admin', author: 'A' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      title: 'Edited by admin',
      owner_id: owner.id,
      owner_username: owner.username,
    });
  });

  it('answers 404 for an unknown book and 400 for an invalid body', async () => {
    expectProblem(
      await server
        .request()
        .put('/api/books/7b0c2a34-0000-4000-8000-000000000000')
        .set(owner.auth)
        .send({ title: 'a', author: 'b' }),
      404,
      'book-not-found',
    );
    const book = await createBook(owner);
    expectProblem(
      await server
        .request()
        .put(`/api/books/${book.id}`)
        .set(owner.auth)
        .send({ title: 'only a title' }),
      400,
      'validation-failed',
    );
  });

  it('answers 409 when taking another book’s ISBN', async () => {
    await createBook(owner, { isbn: '9780141439518' });
    const book = await createBook(owner);
    const response = await server
      .request()
      .put(`/api/books/${book.id}`)
      .set(owner.auth)
      .send({ title: 't', author: 'a', isbn: '9780141439518' });
    expectProblem(response, 409, 'isbn-taken');
  });
});

describe('PATCH /api/books/:id', () => {
  it('changes only the fields sent; null clears isbn and year', async () => {
    const book = await createBook(owner, {
      isbn: '9780141439587',
      published_year: 1815,
      tags: ['romance'],
    });
    const response = await server
      .request()
      .patch(`/api/books/${book.id}`)
      .set(owner.auth)
      .send({ title: 'Emma (annotated)', isbn: null });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      title: 'Emma (annotated)',
      author: book.author,
      isbn: null,
      published_year: 1815,
      tags: ['romance'],
    });
  });

  it('answers 403 to another user, 404 for an unknown book, 400 for a bad field', async () => {
    const book = await createBook(owner);
    expectProblem(
      await server.request().patch(`/api/books/${book.id}`).set(stranger.auth).send({ title: 'x' }),
      403,
      'not-book-owner',
    );
    expectProblem(
      await server
        .request()
        .patch('/api/books/7b0c2a34-0000-4000-8000-000000000000')
        .set(owner.auth)
        .send({ title: 'x' }),
      404,
      'book-not-found',
    );
    expectProblem(
      await server
        .request()
        .patch(`/api/books/${book.id}`)
        .set(owner.auth)
        .send({ tags: 'not-an-array' }),
      400,
      'validation-failed',
    );
  });
});

describe('DELETE /api/books/:id', () => {
  it('deletes the book: 204, then 404', async () => {
    const book = await createBook(owner, { tags: ['doomed'] });
    const response = await server.request().delete(`/api/books/${book.id}`).set(owner.auth);
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expectProblem(
      await server.request().get(`/api/books/${book.id}`).set(owner.auth),
      404,
      'book-not-found',
    );
    expectProblem(
      await server.request().delete(`/api/books/${book.id}`).set(owner.auth),
      404,
      'book-not-found',
    );
  });

  it('answers 403 to another user and keeps the book', async () => {
    const book = await createBook(owner);
    expectProblem(
      await server.request().delete(`/api/books/${book.id}`).set(stranger.auth),
      403,
      'not-book-owner',
    );
    await server.request().get(`/api/books/${book.id}`).set(owner.auth).expect(200);
  });

  it('lets an admin delete anyone’s book', async () => {
    const book = await createBook(owner);
    await server.request().delete(`/api/books/${book.id}`).set(admin).expect(204);
  });
});

describe('GET /api/books', () => {
  const collect = async (query: Record<string, string | number>, auth = owner.auth) => {
    const seen: Book[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await server
        .request()
        .get('/api/books')
        .set(auth)
        .query({ ...query, ...(cursor === null ? {} : { cursor }) });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const page = BookPageSchema.parse(response.body);
      expect(page.items.length).toBeLessThanOrEqual(Number(query.limit ?? 20));
      seen.push(...page.items);
      cursor = page.next_cursor;
      pages++;
    } while (cursor !== null && pages < 100);
    return { books: seen, pages };
  };

  it('pages through every matching book exactly once, in order, for each sort', async () => {
    const tag = `paging-${Date.now()}`;
    const years = [1990, 1950, null, 1950, 2001, 1800, null, 1950, 2020, 1700, 1999, 1950];
    const created: Book[] = [];
    for (const [i, year] of years.entries()) {
      created.push(
        await createBook(owner, {
          title: `${i % 3 === 0 ? 'a' : 'B'}ook ${String(i).padStart(2, '0')}`,
          published_year: year,
          tags: [tag],
        }),
      );
    }
    const ids = created.map((book) => book.id).sort();
    for (const sort of BOOK_SORTS) {
      const { books, pages } = await collect({ tag, sort, limit: 5 });
      expect(pages).toBe(3);
      expect(books.map((book) => book.id).sort()).toEqual(ids);
      const keyOf = (book: Book) =>
        sort.endsWith('title')
          ? book.title.toLowerCase()
          : sort.endsWith('year')
            ? (book.published_year ?? -1e6)
            : book.created_at;
      const keys = books.map(keyOf);
      const expected = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(keys).toEqual(sort.startsWith('-') ? expected.reverse() : expected);
    }
  });

  it('defaults to 20 per page, newest first', async () => {
    const tag = `default-${Date.now()}`;
    const created: Book[] = [];
    for (let i = 0; i < 21; i++) {
      created.push(await createBook(owner, { title: `Default ${i}`, tags: [tag] }));
    }
    const response = await server.request().get('/api/books').set(owner.auth).query({ tag });
    const page = BookPageSchema.parse(response.body);
    // Two books may share a millisecond; then, as in the API, the greater id comes first.
    const newestFirst = [...created].sort((a, b) =>
      (a.created_at === b.created_at ? a.id < b.id : a.created_at < b.created_at) ? 1 : -1,
    );
    expect(page.items.map((book) => book.id)).toEqual(
      newestFirst.slice(0, 20).map((book) => book.id),
    );
    expect(page.next_cursor).not.toBeNull();
  });

  it('filters by q (title or author, case-insensitive), author and tag', async () => {
    const tag = `filter-${Date.now()}`;
    await createBook(owner, {
      title: 'Zebra Stripes 100%',
      author: 'Quentin Q',
      tags: [tag, 'animals'],
    });
    await createBook(owner, { title: 'Quiet Evenings', author: 'Someone', tags: [tag] });
    await createBook(owner, { title: 'Loud Mornings', author: 'Other', tags: [tag] });
    const titles = async (query: Record<string, string>) =>
      (await collect({ tag, ...query })).books.map((book) => book.title).sort();
    expect(await titles({ q: 'QUI' })).toEqual(['Quiet Evenings']);
    expect(await titles({ q: 'quentin' })).toEqual(['Zebra Stripes 100%']);
    expect(await titles({ q: '100%' })).toEqual(['Zebra Stripes 100%']);
    expect(await titles({ q: '_' })).toEqual([]);
    expect(await titles({ author: 'other' })).toEqual(['Loud Mornings']);
    expect((await collect({ tag: 'animals' })).books.map((book) => book.title)).toContain(
      'Zebra Stripes 100%',
    );
  });

  it.each([
    [{ limit: 0 }, 'query.limit'],
    [{ limit: 101 }, 'query.limit'],
    [{ limit: 'ten' }, 'query.limit'],
    [{ sort: 'price' }, 'query.sort'],
  ])('rejects %o with 400', async (query, path) => {
    const response = await server.request().get('/api/books').set(owner.auth).query(query);
    expect(
      expectProblem(response, 400, 'validation-failed').errors?.map((error) => error.path),
    ).toEqual([path]);
  });

  it('rejects a cursor whose key does not fit its sort', async () => {
    const forged = Buffer.from(
      JSON.stringify({ s: '-created_at', k: 5, i: '00000000-0000-4000-8000-000000000000' }),
    ).toString('base64url');
    expectProblem(
      await server.request().get('/api/books').set(owner.auth).query({ cursor: forged }),
      400,
      'invalid-cursor',
    );
  });

  it('rejects control characters in search parameters', async () => {
    const response = await server
      .request()
      .get('/api/books')
      .set(owner.auth)
      .query({ q: 'a\u0000' });
    expect(expectProblem(response, 400, 'validation-failed').errors?.[0]?.path).toBe('query.q');
  });

  it('rejects a forged cursor and a cursor from another sort with 400', async () => {
    expectProblem(
      await server.request().get('/api/books').set(owner.auth).query({ cursor: 'garbage' }),
      400,
      'invalid-cursor',
    );
    const first = BookPageSchema.parse(
      (await server.request().get('/api/books').set(owner.auth).query({ limit: 1, sort: 'title' }))
        .body,
    );
    expect(first.next_cursor).not.toBeNull();
    const response = await server
      .request()
      .get('/api/books')
      .set(owner.auth)
      .query({ cursor: first.next_cursor ?? '', sort: '-title' });
    expectProblem(response, 400, 'cursor-sort-mismatch');
  });

  it('answers 401 without credentials and accepts Basic credentials', async () => {
    expectProblem(await server.request().get('/api/books'), 401, 'unauthenticated');
    const response = await server
      .request()
      .get('/api/books')
      .auth(owner.username, owner.password)
      .query({ limit: 1 });
    expect(response.status).toBe(200);
    expect(BookPageSchema.parse(response.body).items).toHaveLength(1);
  });
});

describe('the owner’s username on every book', () => {
  it('comes with a create, a get, a page, a PUT and a PATCH, the owner’s even when an admin writes', async () => {
    const created = await createBook(owner, { title: 'Owned and Named' });
    expect(created.owner_username).toBe(owner.username);

    const fetched = await server.request().get(`/api/books/${created.id}`).set(stranger.auth);
    expect(fetched.status).toBe(200);
    expect(BookSchema.strict().parse(fetched.body).owner_username).toBe(owner.username);

    const page = await server
      .request()
      .get('/api/books')
      .query({ q: 'Owned and Named' })
      .set(stranger.auth);
    expect(page.status).toBe(200);
    const items = BookPageSchema.strict().parse(page.body).items;
    expect(items.map((book) => [book.id, book.owner_username])).toEqual([
      [created.id, owner.username],
    ]);

    const tagged = await server
      .request()
      .get('/api/books')
      .query({ tag: 'classic', q: 'Owned and Named' })
      .set(stranger.auth);
    expect((tagged.body as { items: Book[] }).items[0]?.owner_username).toBe(owner.username);

    const replaced = await server
      .request()
      .put(`/api/books/${created.id}`)
      .set(admin)
      .send({ title: 'Owned and Named', author: 'Someone' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ owner_id: owner.id, owner_username: owner.username });

    const patched = await server
      .request()
      .patch(`/api/books/${created.id}`)
      .set(owner.auth)
      .send({ published_year: 2001 });
    expect(patched.status).toBe(200);
    expect(BookSchema.strict().parse(patched.body)).toMatchObject({
      published_year: 2001,
      owner_username: owner.username,
    });
    expect(patched.headers.etag).toMatch(/^"v3-/);
  });
});

describe('human messages in 400 field errors, written once in the contract', () => {
  const errorsOf = (response: ResponseLike) => {
    const errors = fieldErrorsOf(response);
    expect(response.headers['cache-control']).toBe('no-store');
    return errors;
  };

  it('names each book field the way a form shows it', async () => {
    const empty = await server.request().post('/api/books').set(owner.auth).send({});
    expect(errorsOf(empty)).toEqual({
      'body.title': 'Enter a title',
      'body.author': 'Enter an author',
    });
    expect((empty.body as { detail: string }).detail).toBe(
      'Invalid request: body.title Enter a title; body.author Enter an author',
    );

    const bad = await server
      .request()
      .post('/api/books')
      .set(owner.auth)
      .send({
        title: '   ',
        author: 'x'.repeat(201),
        isbn: '123',
        published_year: 'nineteen',
        tags: ['ok', 'x'.repeat(33), ''],
      });
    expect(errorsOf(bad)).toEqual({
      'body.title': 'Enter a title',
      'body.author': 'Author must be 200 characters or fewer',
      'body.isbn': 'Enter a valid ISBN-10 or ISBN-13',
      'body.published_year': 'Enter a year as a whole number',
      'body.tags.1': 'Tags must be 32 characters or fewer',
      'body.tags.2': 'Tags cannot be empty',
    });

    const book = await createBook(owner);
    const patched = await server
      .request()
      .patch(`/api/books/${book.id}`)
      .set(owner.auth)
      .send({ title: 'a\nb', published_year: 1999.5, tags: Array(11).fill('t') });
    expect(errorsOf(patched)).toEqual({
      'body.title': 'Title must be on one line, without control characters',
      'body.published_year': 'Enter a year as a whole number',
      'body.tags': 'Add at most 10 tags',
    });
    const future = await server
      .request()
      .put(`/api/books/${book.id}`)
      .set(owner.auth)
      .send({ title: 't'.repeat(201), author: 'A', published_year: 9000, tags: 'sf' });
    expect(errorsOf(future)).toEqual({
      'body.title': 'Title must be 200 characters or fewer',
      'body.published_year': 'Year must not be in the future',
      'body.tags': 'Tags must be a list of words',
    });
  });

  it('names each query parameter the way a person reads it', async () => {
    const response = await server
      .request()
      .get('/api/books')
      .query({ limit: 0, sort: 'newest', owner: 'you', tag: 'x'.repeat(33) })
      .set(owner.auth);
    expect(errorsOf(response)).toEqual({
      'query.limit': 'Limit must be a whole number from 1 to 100',
      'query.sort':
        'Sort must be one of created_at, -created_at, title, -title, published_year, -published_year',
      'query.owner': 'Owner must be me (or left out for everyone’s)',
      'query.tag': 'Tags must be 32 characters or fewer',
    });
    const notANumber = await server
      .request()
      .get('/api/books')
      .query({ limit: 'ten' })
      .set(owner.auth);
    expect(errorsOf(notANumber)).toEqual({
      'query.limit': 'Limit must be a whole number from 1 to 100',
    });
  });
});
