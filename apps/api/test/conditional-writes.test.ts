import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookPageSchema, type Book } from '@shelf/contracts';
import { postBook, startBooksServer } from './book-fixtures.js';
import {
  expectProblem,
  TEST_DATABASE_KIND,
  type TestServer,
  type TestUser,
} from './test-server.js';

let server: TestServer;
let owner: TestUser;
let stranger: TestUser;
let admin: { Authorization: string };

beforeAll(async () => {
  const started = await startBooksServer('editor', 'stranger');
  ({ server, admin } = started);
  [owner, stranger] = started.users;
});
afterAll(async () => {
  await server.close();
});

/** Trials of each race; every one must end consistently. */
const RACE_TRIALS = 20;

const etagOf = (id: string, version: number) => `"v${version}-${id}"`;

/** A book of `owner`'s (Dune unless `body` says otherwise), with its ETag. */
const createBook = (body: Record<string, unknown> = {}) =>
  postBook(server, owner, { title: 'Dune', author: 'Frank Herbert', tags: ['sf'], ...body });

const fetchBook = async (id: string) => {
  const response = await server.request().get(`/api/books/${id}`).set(owner.auth);
  return { status: response.status, book: response.body as Book, etag: response.headers.etag };
};

describe(`ETags on ${TEST_DATABASE_KIND}`, () => {
  it('gives a book a strong ETag on POST and GET that every write changes', async () => {
    const { book, etag } = await createBook();
    expect(etag).toBe(etagOf(book.id, 1));
    expect((await fetchBook(book.id)).etag).toBe(etag);

    const patched = await server
      .request()
      .patch(`/api/books/${book.id}`)
      .set(owner.auth)
      .send({ title: 'Dune Messiah' });
    expect(patched.status).toBe(200);
    expect(patched.headers.etag).toBe(etagOf(book.id, 2));
    const replaced = await server
      .request()
      .put(`/api/books/${book.id}`)
      .set(owner.auth)
      .send({ title: 'Children of Dune', author: 'Frank Herbert' });
    expect(replaced.headers.etag).toBe(etagOf(book.id, 3));
    expect((await fetchBook(book.id)).etag).toBe(etagOf(book.id, 3));
  });

  it('answers If-None-Match with the current ETag by 304 and no body, and an old one by 200', async () => {
    const { book, etag } = await createBook();
    const unchanged = await server
      .request()
      .get(`/api/books/${book.id}`)
      .set(owner.auth)
      .set('If-None-Match', etag);
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    expect(unchanged.headers.etag).toBe(etag);

    await server.request().patch(`/api/books/${book.id}`).set(owner.auth).send({ tags: [] });
    const changed = await server
      .request()
      .get(`/api/books/${book.id}`)
      .set(owner.auth)
      .set('If-None-Match', etag);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: book.id, tags: [] });
    expect(changed.headers.etag).toBe(etagOf(book.id, 2));
  });
});

describe(`If-None-Match on ${TEST_DATABASE_KIND}`, () => {
  it('answers 304 for the current tag, weak or strong, in a list or as *, even with Cache-Control: no-cache (as fetch sends)', async () => {
    const { book, etag } = await createBook();
    for (const ifNoneMatch of [etag, `W/${etag}`, `"v9-${book.id}", ${etag}`, '*']) {
      const response = await server
        .request()
        .get(`/api/books/${book.id}`)
        .set(owner.auth)
        .set('Cache-Control', 'no-cache')
        .set('If-None-Match', ifNoneMatch);
      expect(response.status, ifNoneMatch).toBe(304);
      expect(response.headers.etag).toBe(etag);
    }
    const other = await server
      .request()
      .get(`/api/books/${book.id}`)
      .set(owner.auth)
      .set('If-None-Match', `"v9-${book.id}"`);
    expect(other.status).toBe(200);
  });
});

describe(`If-Match on ${TEST_DATABASE_KIND}`, () => {
  it('refuses a stale PATCH, PUT or DELETE with 412, the current ETag, and no change', async () => {
    const { book, etag } = await createBook();
    await server.request().patch(`/api/books/${book.id}`).set(owner.auth).send({ title: 'Newer' });
    const current = etagOf(book.id, 2);

    const writes = [
      server.request().patch(`/api/books/${book.id}`).send({ author: 'Someone Else' }),
      server.request().put(`/api/books/${book.id}`).send({ title: 'X', author: 'Y' }),
      server.request().delete(`/api/books/${book.id}`),
    ];
    for (const write of writes) {
      const response = await write.set(owner.auth).set('If-Match', etag);
      expectProblem(response, 412, 'precondition-failed');
      expect(response.headers.etag).toBe(current);
    }
    const after = await fetchBook(book.id);
    expect(after.status).toBe(200);
    expect(after.book).toMatchObject({ title: 'Newer', author: 'Frank Herbert' });
    expect(after.etag).toBe(current);
  });

  it('accepts the current ETag, one of a list, or *', async () => {
    const { book, etag } = await createBook();
    const first = await server
      .request()
      .patch(`/api/books/${book.id}`)
      .set(owner.auth)
      .set('If-Match', etag)
      .send({ published_year: 1965 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ published_year: 1965 });

    const listed = await server
      .request()
      .patch(`/api/books/${book.id}`)
      .set(owner.auth)
      .set('If-Match', `"v9-${book.id}", ${etagOf(book.id, 2)}`)
      .send({ isbn: '9780441013593' });
    expect(listed.status).toBe(200);
    expect(listed.headers.etag).toBe(etagOf(book.id, 3));

    const any = await server
      .request()
      .delete(`/api/books/${book.id}`)
      .set(owner.auth)
      .set('If-Match', '*');
    expect(any.status).toBe(204);
    expect((await fetchBook(book.id)).status).toBe(404);
  });

  it('never matches a weak tag, another book’s tag, a version no book can have, or garbage', async () => {
    const { book, etag } = await createBook();
    const other = await createBook();
    const impossible = [`"v99999999999-${book.id}"`, `"v01-${book.id}"`];
    for (const ifMatch of [`W/${etag}`, other.etag, 'nonsense', '""', ...impossible]) {
      const response = await server
        .request()
        .patch(`/api/books/${book.id}`)
        .set(owner.auth)
        .set('If-Match', ifMatch)
        .send({ title: 'Changed' });
      expectProblem(response, 412, 'precondition-failed');
    }
    expect((await fetchBook(book.id)).book.title).toBe('Dune');
  });

  it('decides 404 before 403 before 412', async () => {
    const { book, etag } = await createBook();
    const missing = '7b0c2a34-0000-4000-8000-000000000000';
    expectProblem(
      await server
        .request()
        .patch(`/api/books/${missing}`)
        .set(stranger.auth)
        .set('If-Match', etag)
        .send({ title: 'x' }),
      404,
      'book-not-found',
    );
    expectProblem(
      await server
        .request()
        .delete(`/api/books/${book.id}`)
        .set(stranger.auth)
        .set('If-Match', '"v7-nothing"'),
      403,
      'not-book-owner',
    );
    const byAdmin = await server
      .request()
      .patch(`/api/books/${book.id}`)
      .set(admin)
      .set('If-Match', etag)
      .send({ title: 'Moderated' });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toMatchObject({ title: 'Moderated', owner_id: owner.id });
  });

  it('refuses an If-Match longer than 1024 characters as invalid', async () => {
    const { book } = await createBook();
    const response = await server
      .request()
      .patch(`/api/books/${book.id}`)
      .set(owner.auth)
      .set('If-Match', `"${'a'.repeat(1100)}"`)
      .send({ title: 'x' });
    const problem = expectProblem(response, 400, 'validation-failed');
    expect(problem.errors?.[0]?.path).toBe('headers.if-match');
  });
});

describe(`PATCH changes only what was sent, on ${TEST_DATABASE_KIND}`, () => {
  it('keeps the tag index in step with title and year changes', async () => {
    const tag = `t-${Date.now()}`;
    const b = await createBook({ title: 'B book', tags: [tag], published_year: 1990 });
    await createBook({ title: 'C book', tags: [tag], published_year: 1980 });
    await server
      .request()
      .patch(`/api/books/${b.book.id}`)
      .set(owner.auth)
      .send({ title: 'D book', published_year: 1970 });
    const byTitle = await server
      .request()
      .get('/api/books')
      .query({ tag, sort: 'title' })
      .set(owner.auth);
    expect(BookPageSchema.parse(byTitle.body).items.map((book) => book.title)).toEqual([
      'C book',
      'D book',
    ]);
    const byYear = await server
      .request()
      .get('/api/books')
      .query({ tag, sort: 'published_year' })
      .set(owner.auth);
    expect(BookPageSchema.parse(byYear.body).items.map((book) => book.title)).toEqual([
      'D book',
      'C book',
    ]);

    await server
      .request()
      .patch(`/api/books/${b.book.id}`)
      .set(owner.auth)
      .send({ tags: ['other'] });
    const retagged = await server.request().get('/api/books').query({ tag }).set(owner.auth);
    expect(BookPageSchema.parse(retagged.body).items.map((book) => book.title)).toEqual(['C book']);
  });
});

describe(`concurrent writes on ${TEST_DATABASE_KIND}`, () => {
  it('keeps both of two concurrent PATCHes of different fields', async () => {
    for (let trial = 0; trial < RACE_TRIALS; trial++) {
      const { book } = await createBook();
      const [titled, authored] = await Promise.all([
        server
          .request()
          .patch(`/api/books/${book.id}`)
          .set(owner.auth)
          .send({ title: `T${trial}` }),
        server
          .request()
          .patch(`/api/books/${book.id}`)
          .set(admin)
          .send({ author: `A${trial}` }),
      ]);
      expect([titled.status, authored.status]).toEqual([200, 200]);
      const after = await fetchBook(book.id);
      expect(after.book).toMatchObject({ title: `T${trial}`, author: `A${trial}`, tags: ['sf'] });
      expect(after.etag).toBe(etagOf(book.id, 3));
    }
  });

  it('lets exactly one of two PATCHes with the same If-Match through', async () => {
    for (let trial = 0; trial < RACE_TRIALS; trial++) {
      const { book, etag } = await createBook();
      const responses = await Promise.all(
        ['first', 'second'].map((title) =>
          server
            .request()
            .patch(`/api/books/${book.id}`)
            .set(owner.auth)
            .set('If-Match', etag)
            .send({ title, tags: [title] }),
        ),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([200, 412]);
      const winner = responses.find((response) => response.status === 200);
      const after = await fetchBook(book.id);
      expect(after.book.title).toBe((winner?.body as Book).title);
      expect(after.book.tags).toEqual([after.book.title]);
    }
  });

  it('never answers 500 when PATCH, PUT and DELETE race, and a deleted book stays deleted', async () => {
    for (let trial = 0; trial < RACE_TRIALS; trial++) {
      const { book } = await createBook();
      const [patched, replaced, deleted] = await Promise.all([
        server
          .request()
          .patch(`/api/books/${book.id}`)
          .set(owner.auth)
          .send({ tags: ['a', 'b'] }),
        server
          .request()
          .put(`/api/books/${book.id}`)
          .set(owner.auth)
          .send({ title: 'Replaced', author: 'R', tags: ['c'] }),
        server.request().delete(`/api/books/${book.id}`).set(owner.auth),
      ]);
      expect(deleted.status).toBe(204);
      for (const write of [patched, replaced]) {
        expect([200, 404], JSON.stringify(write.body)).toContain(write.status);
        if (write.status === 404) expectProblem(write, 404, 'book-not-found');
      }
      expect((await fetchBook(book.id)).status).toBe(404);
      const tagged = await server.request().get('/api/books').query({ tag: 'c' }).set(owner.auth);
      expect(BookPageSchema.parse(tagged.body).items.map((item) => item.id)).not.toContain(book.id);
    }
  });
});
