import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookPageSchema, BookSchema } from '@shelf/contracts';
import { DEMO_BOOKS } from '../src/features/demo/demo-books.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO_DATA: 'true' });
});
afterAll(async () => {
  await server.close();
});

describe('demo data', () => {
  it('lets the demo users in: alice as admin, bob as user', async () => {
    const alice = await server.request().get('/api/me').auth('alice', 'secret123');
    expect(alice.body).toMatchObject({ username: 'alice', role: 'admin' });
    const bob = await server.request().get('/api/me').auth('bob', 'secret456');
    expect(bob.body).toMatchObject({ username: 'bob', role: 'user' });
  });

  it('holds every demo book, each valid against the contract', async () => {
    const response = await server
      .request()
      .get('/api/books')
      .auth('bob', 'secret456')
      .query({ limit: 100 });
    const page = BookPageSchema.parse(response.body);
    expect(page.items).toHaveLength(DEMO_BOOKS.length);
    for (const book of page.items) BookSchema.strict().parse(book);
    expect(page.items.map((book) => book.title)).toContain('The Hobbit');
  });
});
