import type { Kysely } from 'kysely';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookPageSchema, BookSchema } from '@shelf/contracts';
import { parseConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open-database.js';
import { migrations } from '../src/db/migrations/index.js';
import {
  createTestDatabase,
  loginAs,
  startTestServer,
  TEST_DATABASE_KIND,
  type TestServer,
} from './test-server.js';

/** The migrations that existed before books were indexed for scale. */
const BEFORE_SCALE = Object.fromEntries(
  Object.entries(migrations).filter(([name]) => name < '2026_11_26_090000'),
);

const OWNER_ID = '6f1c1a52-54a5-4c3e-9d3a-7a1f1a2b3c4d';

/** Rows as the old schema stored them: tags in `book_tags` with their position. */
const OLD_BOOKS = [
  {
    id: '0a2c7a3e-1111-4c3e-9d3a-000000000001',
    title: 'Germinal',
    author: 'ÉMILE ZOLA',
    year: 1885,
    tags: ['naturalism', 'classic'],
  },
  {
    id: '0a2c7a3e-1111-4c3e-9d3a-000000000002',
    title: 'Zazie dans le métro',
    author: 'Raymond Queneau',
    year: null,
    tags: ['humour'],
  },
  {
    id: '0a2c7a3e-1111-4c3e-9d3a-000000000003',
    title: 'ÆSOP’S FABLES',
    author: 'Aesop',
    year: -560,
    tags: [],
  },
  {
    id: '0a2c7a3e-1111-4c3e-9d3a-000000000004',
    title: 'a plain ascii title',
    author: 'Some One',
    year: 2001,
    tags: ['classic', 'modern', 'ascii'],
  },
];

describe(`migrating an existing database to the scale schema (${TEST_DATABASE_KIND})`, () => {
  let database: { url: string; drop(): Promise<void> };
  let server: TestServer;
  let auth: { Authorization: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = parseConfig({ DATABASE_URL: database.url });
    const { db, close } = openDatabase(config.database);
    const old = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const migrated = await new Migrator({
      db: old,
      provider: { getMigrations: () => Promise.resolve(BEFORE_SCALE) },
    }).migrateToLatest();
    expect(migrated.error).toBeUndefined();
    await old
      .insertInto('users')
      .values({
        id: OWNER_ID,
        username: 'librarian',
        password_hash:
          '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$invalidhashinvalidhashinvalidhash',
        role: 'admin',
        created_at: '2025-01-01T00:00:00.000Z',
      })
      .execute();
    for (const [index, book] of OLD_BOOKS.entries()) {
      const at = `2025-01-0${index + 1}T00:00:00.000Z`;
      await old
        .insertInto('books')
        .values({
          id: book.id,
          title: book.title,
          author: book.author,
          isbn: null,
          published_year: book.year,
          owner_id: OWNER_ID,
          created_at: at,
          updated_at: at,
        })
        .execute();
      for (const [position, tag] of book.tags.entries()) {
        await old.insertInto('book_tags').values({ book_id: book.id, tag, position }).execute();
      }
    }
    await close();

    server = await startTestServer({
      DATABASE_URL: database.url,
      ADMIN_USERNAME: 'ignored',
      ADMIN_PASSWORD: 'ignored password',
    });
    await server
      .request()
      .post('/auth/register')
      .send({ username: 'reader', password: 'reader password' })
      .expect(201);
    auth = await loginAs(server, 'reader', 'reader password');
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  const list = async (query: Record<string, string>) => {
    const response = await server.request().get('/api/books').query(query).set(auth).expect(200);
    return BookPageSchema.parse(response.body).items;
  };

  it('keeps every book, with its tags in their order and its instants unchanged', async () => {
    for (const [index, old] of OLD_BOOKS.entries()) {
      const response = await server.request().get(`/api/books/${old.id}`).set(auth).expect(200);
      expect(BookSchema.strict().parse(response.body)).toEqual({
        id: old.id,
        title: old.title,
        author: old.author,
        isbn: null,
        published_year: old.year,
        tags: old.tags,
        owner_id: OWNER_ID,
        created_at: `2025-01-0${index + 1}T00:00:00.000Z`,
        updated_at: `2025-01-0${index + 1}T00:00:00.000Z`,
      });
    }
  });

  it('indexes the old books for search, sorts and tags, with Unicode case folding', async () => {
    expect((await list({ q: 'émile' })).map((book) => book.title)).toEqual(['Germinal']);
    expect((await list({ q: 'MÉTRO' })).map((book) => book.title)).toEqual(['Zazie dans le métro']);
    expect((await list({ q: 'æsop’s' })).map((book) => book.title)).toEqual(['ÆSOP’S FABLES']);
    expect((await list({ sort: 'title' })).map((book) => book.title)).toEqual([
      'a plain ascii title',
      'Germinal',
      'Zazie dans le métro',
      'ÆSOP’S FABLES',
    ]);
    expect((await list({ sort: '-published_year' })).map((book) => book.published_year)).toEqual([
      2001,
      1885,
      -560,
      null,
    ]);
    expect((await list({ tag: 'classic', sort: 'title' })).map((book) => book.title)).toEqual([
      'a plain ascii title',
      'Germinal',
    ]);
  });
});
