import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookPageSchema, BookSchema, TagListSchema } from '@shelf/contracts';
import {
  createUser,
  expectProblem,
  startTestServer,
  TEST_DATABASE_KIND,
  type TestServer,
  type TestUser,
} from './test-server.js';

let server: TestServer;
let writer: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  writer = await createUser(server, 'burst');
});
afterAll(async () => {
  await server.close();
});

/** A valid ISBN-13 made from a 12-digit prefix (its check digit computed). */
const isbn13 = (prefix12: string) => {
  const sum = prefix12
    .split('')
    .reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  return `${prefix12}${(10 - (sum % 10)) % 10}`;
};

describe(`POST /api/books in a concurrent burst, ${TEST_DATABASE_KIND}`, () => {
  it('answers each create on its own: one ISBN conflict is a 409 for the later one only, and every 201 is stored', async () => {
    const run = `${process.pid}-${Date.now()}`;
    const sharedIsbn = isbn13(String(Date.now()).slice(-12).padStart(12, '9'));
    const bodies = Array.from({ length: 24 }, (_, n) => ({
      title: `Burst ${run} #${n}`,
      author: 'Burst Author',
      tags: [`burst-${n % 3}`],
      // Two of them claim the same ISBN: exactly one may have it.
      ...(n === 5 || n === 17 ? { isbn: sharedIsbn } : {}),
    }));
    const replies = await Promise.all(
      bodies.map((body) => server.request().post('/api/books').set(writer.auth).send(body)),
    );

    const created = replies.filter((reply) => reply.status === 201);
    const conflicts = replies.filter((reply) => reply.status === 409);
    expect(created).toHaveLength(23);
    expect(conflicts).toHaveLength(1);
    for (const conflict of conflicts) expectProblem(conflict, 409, 'isbn-taken');
    for (const reply of created) {
      const book = BookSchema.strict().parse(reply.body);
      expect(reply.headers.location).toBe(`/api/books/${book.id}`);
      expect(reply.headers.etag).toMatch(/^"/);
      const stored = await server.request().get(`/api/books/${book.id}`).set(writer.auth);
      expect(stored.status).toBe(200);
      expect(stored.body).toEqual(book);
    }

    const page = await server
      .request()
      .get('/api/books')
      .query({ q: `Burst ${run}`, limit: 100 })
      .set(writer.auth);
    const titles = BookPageSchema.parse(page.body).items.map((book) => book.title);
    expect(titles).toHaveLength(23);
    expect(new Set(titles).size).toBe(23);
    const withIsbn = BookPageSchema.parse(page.body).items.filter(
      (book) => book.isbn === sharedIsbn,
    );
    expect(withIsbn).toHaveLength(1);

    // The tag counts are those of the 23 books stored: the refused create counted nothing.
    const tags = await server.request().get('/api/tags').query({ q: 'burst-' }).set(writer.auth);
    expect(tags.status).toBe(200);
    expect(TagListSchema.parse(tags.body).items).toEqual([
      { name: 'burst-0', count: 8 },
      { name: 'burst-1', count: 8 },
      { name: 'burst-2', count: 7 },
    ]);
  });
});
