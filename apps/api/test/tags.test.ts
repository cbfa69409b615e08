import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookPageSchema, BookSchema, TagListSchema, type Book } from '@shelf/contracts';
import { createBook as createBookOn, startBooksServer } from './book-fixtures.js';
import {
  createUser,
  expectProblem,
  TEST_DATABASE_KIND,
  type TestServer,
  type TestUser,
} from './test-server.js';

let server: TestServer;
let owner: TestUser;
let other: TestUser;
let admin: { Authorization: string };

beforeAll(async () => {
  const started = await startBooksServer('tagger', 'other');
  ({ server, admin } = started);
  [owner, other] = started.users;
});
afterAll(async () => {
  await server.close();
});

/** A book of `user`'s, with `body`'s tags (and title, say). */
const createBook = (user: { auth: { Authorization: string } }, body: Record<string, unknown>) =>
  createBookOn(server, user, { title: 'Tagged', author: 'Someone', ...body });

/** tag_counts as stored, and as counted afresh from book_tags and from books.tags: all three must agree. */
const countsEverywhere = async () => {
  const stored = await server.db
    .selectFrom('tag_counts')
    .select(['tag', 'book_count'])
    .orderBy('tag')
    .execute();
  const recounted = await server.db
    .selectFrom('book_tags')
    .select(['tag', (eb) => eb.fn.countAll<number | string>().as('book_count')])
    .groupBy('tag')
    .orderBy('tag')
    .execute();
  const books = await server.db.selectFrom('books').select('tags').execute();
  const fromJson = new Map<string, number>();
  for (const { tags } of books) {
    for (const tag of JSON.parse(tags) as string[]) fromJson.set(tag, (fromJson.get(tag) ?? 0) + 1);
  }
  return {
    stored: stored.map((row) => [row.tag, row.book_count]),
    recounted: recounted.map((row) => [row.tag, Number(row.book_count)]),
    fromJson: [...fromJson].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
};

const expectExactCounts = async () => {
  const { stored, recounted, fromJson } = await countsEverywhere();
  expect(stored).toEqual(recounted);
  expect(stored).toEqual(fromJson);
  expect(stored.every(([, count]) => Number(count) > 0)).toBe(true);
};

const countOf = async (tag: string): Promise<number | undefined> => {
  const row = await server.db
    .selectFrom('tag_counts')
    .select('book_count')
    .where('tag', '=', tag)
    .executeTakeFirst();
  return row?.book_count;
};

const listTags = (query: Record<string, string | number>, auth = owner.auth) =>
  server.request().get('/api/tags').query(query).set(auth);

describe(`tags are normalised once, on write (${TEST_DATABASE_KIND})`, () => {
  it('trims, lower-cases (Unicode) and collapses duplicates, keeping first positions', async () => {
    const book = await createBook(owner, {
      tags: ['  Sci-Fi ', 'ÉTÉ', 'sci-fi', 'Classic', 'SCI-FI', 'été'],
    });
    expect(book.tags).toEqual(['sci-fi', 'été', 'classic']);
    const fetched = await server.request().get(`/api/books/${book.id}`).set(owner.auth);
    expect(BookSchema.strict().parse(fetched.body).tags).toEqual(['sci-fi', 'été', 'classic']);

    const replaced = await server
      .request()
      .put(`/api/books/${book.id}`)
      .set(owner.auth)
      .send({ title: 'Tagged', author: 'Someone', tags: ['Ωmega', 'ΩMEGA ', 'Alpha'] });
    expect(replaced.status).toBe(200);
    expect((replaced.body as Book).tags).toEqual(['ωmega', 'alpha']);

    const patched = await server
      .request()
      .patch(`/api/books/${book.id}`)
      .set(owner.auth)
      .send({ tags: ['Beta', 'BETA', 'Gamma'] });
    expect(patched.status).toBe(200);
    expect((patched.body as Book).tags).toEqual(['beta', 'gamma']);
    const rows = await server.db
      .selectFrom('book_tags')
      .select('tag')
      .where('book_id', '=', book.id)
      .orderBy('tag')
      .execute();
    expect(rows.map((row) => row.tag)).toEqual(['beta', 'gamma']);
  });

  it('refuses a tag that lower-casing makes longer than 32 characters', async () => {
    // U+0130 (İ) lower-cases to two code units: 20 of them become 40.
    const response = await server
      .request()
      .post('/api/books')
      .set(owner.auth)
      .send({ title: 'Long', author: 'Tag', tags: ['İ'.repeat(20)] });
    const problem = expectProblem(response, 400, 'validation-failed');
    expect(problem.errors?.[0]?.path).toBe('body.tags.0');
  });

  it('filters by tag case-insensitively, trimmed, with every sort', async () => {
    const tag = `case-${Date.now()}`;
    const first = await createBook(owner, { title: 'Case One', tags: [tag.toUpperCase()] });
    const second = await createBook(other, { title: 'Case Two', tags: [` ${tag} `] });
    for (const asked of [tag, tag.toUpperCase(), ` ${tag.toUpperCase()} `]) {
      for (const sort of ['title', '-created_at']) {
        const response = await server
          .request()
          .get('/api/books')
          .query({ tag: asked, sort })
          .set(owner.auth);
        expect(response.status).toBe(200);
        const page = BookPageSchema.strict().parse(response.body);
        const ids = page.items.map((book) => book.id);
        expect(ids).toEqual(sort === 'title' ? [first.id, second.id] : [second.id, first.id]);
      }
    }
  });
});

describe(`GET /api/tags (${TEST_DATABASE_KIND})`, () => {
  it('lists tags by count, then name, with the counts of every book', async () => {
    const prefix = `rank${Date.now()}`;
    await createBook(owner, { tags: [`${prefix}-b`, `${prefix}-a`] });
    await createBook(owner, { tags: [`${prefix}-b`, `${prefix}-c`] });
    await createBook(other, { tags: [`${prefix}-c`, `${prefix}-b`] });
    const response = await listTags({ q: prefix });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('private, no-cache');
    expect(TagListSchema.strict().parse(response.body)).toEqual({
      items: [
        { name: `${prefix}-b`, count: 3 },
        { name: `${prefix}-c`, count: 2 },
        { name: `${prefix}-a`, count: 1 },
      ],
    });
    const limited = await listTags({ q: prefix.toUpperCase(), limit: 2 });
    expect((limited.body as { items: unknown[] }).items).toEqual([
      { name: `${prefix}-b`, count: 3 },
      { name: `${prefix}-c`, count: 2 },
    ]);
  });

  it('matches q as a literal prefix: % and _ are not wildcards', async () => {
    const stem = `lit${Date.now()}`;
    await createBook(owner, { tags: [`${stem}%x`, `${stem}_y`, `${stem}ab`, `${stem}zz`] });
    const names = async (q: string) =>
      ((await listTags({ q })).body as { items: { name: string }[] }).items
        .map((item) => item.name)
        .sort();
    expect(await names(`${stem}%`)).toEqual([`${stem}%x`]);
    expect(await names(`${stem}_`)).toEqual([`${stem}_y`]);
    expect(await names(stem)).toEqual([`${stem}%x`, `${stem}_y`, `${stem}ab`, `${stem}zz`]);
    expect(await names(`${stem}q`)).toEqual([]);
    expect(await names('%')).toEqual([]);
  });

  it('defaults to 20 tags, most used first, without q', async () => {
    const response = await listTags({});
    expect(response.status).toBe(200);
    const { items } = TagListSchema.strict().parse(response.body);
    expect(items.length).toBeLessThanOrEqual(20);
    const sorted = [...items].sort((a, b) =>
      a.count !== b.count ? b.count - a.count : a.name < b.name ? -1 : 1,
    );
    expect(items).toEqual(sorted);
    const stored = await server.db
      .selectFrom('tag_counts')
      .select(['tag', 'book_count'])
      .orderBy('book_count', 'desc')
      .orderBy('tag')
      .limit(20)
      .execute();
    expect(items).toEqual(stored.map((row) => ({ name: row.tag, count: row.book_count })));
  });

  it('answers 400 problem+json for a limit outside 1-100, and 401 without credentials', async () => {
    for (const limit of ['0', '101', 'many']) {
      const problem = expectProblem(await listTags({ limit }), 400, 'validation-failed');
      expect(problem.errors?.map((error) => error.path)).toEqual(['query.limit']);
    }
    const anonymous = await server.request().get('/api/tags');
    expectProblem(anonymous, 401, 'unauthenticated');
    expect(anonymous.headers['www-authenticate']).toContain('Bearer realm="shelf"');
  });
});

describe(`tag_counts is kept exact by every write (${TEST_DATABASE_KIND})`, () => {
  it('follows create, PUT, PATCH with and without tags, DELETE and account deletion', async () => {
    const tag = `life${Date.now()}`;
    const book = await createBook(owner, { tags: [tag, `${tag}-x`] });
    expect(await countOf(tag)).toBe(1);
    await createBook(other, { tags: [tag] });
    expect(await countOf(tag)).toBe(2);

    await server
      .request()
      .patch(`/api/books/${book.id}`)
      .set(owner.auth)
      .send({ title: 'Renamed' })
      .expect(200);
    expect(await countOf(tag)).toBe(2);

    await server
      .request()
      .patch(`/api/books/${book.id}`)
      .set(owner.auth)
      .send({ tags: [`${tag}-y`] })
      .expect(200);
    expect(await countOf(tag)).toBe(1);
    expect(await countOf(`${tag}-x`)).toBeUndefined();
    expect(await countOf(`${tag}-y`)).toBe(1);

    await server
      .request()
      .put(`/api/books/${book.id}`)
      .set(admin)
      .send({ title: 'Replaced', author: 'A', tags: [tag, `${tag}-y`] })
      .expect(200);
    expect(await countOf(tag)).toBe(2);

    await server.request().delete(`/api/books/${book.id}`).set(owner.auth).expect(204);
    expect(await countOf(tag)).toBe(1);
    expect(await countOf(`${tag}-y`)).toBeUndefined();

    const leaving = await createUser(server, 'leaving');
    await createBook(leaving, { tags: [tag, `${tag}-z`] });
    await createBook(leaving, { tags: [`${tag}-z`] });
    expect(await countOf(`${tag}-z`)).toBe(2);
    await server
      .request()
      .delete('/api/me')
      .set(leaving.auth)
      .send({ password: leaving.password })
      .expect(204);
    expect(await countOf(tag)).toBe(1);
    expect(await countOf(`${tag}-z`)).toBeUndefined();
    await expectExactCounts();
  });

  it('stays exact under concurrent creates, PATCHes and deletes of books sharing tags', async () => {
    const tag = `race${Date.now()}`;
    const shared = [tag, `${tag}-1`, `${tag}-2`, `${tag}-3`];
    const pick = (i: number) => shared.filter((_, j) => (i + j) % 2 === 0 || j === 0);
    const created = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        createBook(i % 2 === 0 ? owner : other, { title: `Race ${i}`, tags: pick(i) }),
      ),
    );
    expect(await countOf(tag)).toBe(24);
    await expectExactCounts();

    const userOf = (i: number) => (i % 2 === 0 ? owner : other);
    const outcomes = await Promise.all(
      created.flatMap((book, i) => [
        server
          .request()
          .patch(`/api/books/${book.id}`)
          .set(userOf(i).auth)
          .send({ tags: i % 3 === 0 ? [`${tag}-3`] : [tag, `${tag}-new`] }),
        ...(i % 4 === 0
          ? [server.request().delete(`/api/books/${book.id}`).set(userOf(i).auth)]
          : []),
        createBook(userOf(i), { title: `Extra ${i}`, tags: [`${tag}-new`, tag] }).then(() => ({
          status: 201,
        })),
      ]),
    );
    // A PATCH racing the DELETE of its book finds it gone: 404, never a 500.
    expect(outcomes.every((outcome) => [200, 201, 204, 404].includes(outcome.status))).toBe(true);
    await expectExactCounts();

    await Promise.all(
      created.map((book, i) =>
        server.request().delete(`/api/books/${book.id}`).set(userOf(i).auth),
      ),
    );
    await expectExactCounts();
    const page = await listTags({ q: tag, limit: 100 });
    expect(TagListSchema.parse(page.body).items).toEqual(
      (await countsEverywhere()).stored
        .filter(([name]) => String(name).startsWith(tag))
        .map(([name, count]) => ({ name: String(name), count: Number(count) }))
        .sort((a, b) => (a.count !== b.count ? b.count - a.count : a.name < b.name ? -1 : 1)),
    );
  });
});
