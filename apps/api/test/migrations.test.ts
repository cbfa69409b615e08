import type { Kysely, Migration } from 'kysely';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookPageSchema, BookSchema } from '@shelf/contracts';
import { parseConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open-database.js';
import { migrations } from '../src/db/migrations/index.js';
import {
  createTestDatabase,
  createUser,
  startTestServer,
  TEST_DATABASE_KIND,
  type TestServer,
} from './test-server.js';
import { postgresOnly } from './postgres-only.js';
import { sqliteOnly } from './sqlite-only.js';
import { syntheticBook } from '../bench/synthetic-books.js';
import type { Db } from '../src/db/database.js';
import { insertBooks } from '../src/features/books/book-writes.repository.js';

/** A database as an older schema knows it: no typed tables. */
type OldDb = Kysely<Record<string, Record<string, unknown>>>;

/**
 * Runs `only` on `db`. On PostgreSQL Kysely's bookkeeping tables go in the connection's own schema,
 * as the API puts them (db/migrate.ts): otherwise Kysely finds those of another test's schema,
 * created meanwhile by a suite running in parallel, and does not create its own.
 */
const migrateOnly = async (db: OldDb, only: Record<string, Migration>) => {
  const schema =
    TEST_DATABASE_KIND === 'sqlite'
      ? undefined
      : (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
          ?.schema;
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(only) },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  }).migrateToLatest();
};

/** The migrations that existed before books were indexed for scale. */
const BEFORE_SCALE = Object.fromEntries(
  Object.entries(migrations).filter(([name]) => name < '2026_11_26_090000'),
);

const OWNER_ID = '6f1c1a52-54a5-4c3e-9d3a-7a1f1a2b3c4d';

/** Inserts the owner of the old books (OWNER_ID) as the old schemas stored users. */
const insertOldOwner = (old: OldDb, username: string, role: 'admin' | 'user') =>
  old
    .insertInto('users')
    .values({
      id: OWNER_ID,
      username,
      // Never checked: nobody logs in as the owner.
      password_hash: '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$invalidhashinvalidhashinvalidhash',
      role,
      created_at: '2025-01-01T00:00:00.000Z',
    })
    .execute();

/** The API started on a database written by an older schema, and a user logged in to read it. */
interface OnOldDatabase {
  server: TestServer;
  /** The Authorization header of a user registered after the upgrade. */
  auth: { Authorization: string };
  /** Stops the server and drops the database. */
  close: () => Promise<void>;
}

/**
 * Creates a database, migrates it only as far as `only`, lets `fill` write rows as that schema
 * stores them, then starts the API on it (which migrates it to the latest, the upgrade under test,
 * with `env` added to its environment) and registers and logs in a reader.
 */
const startOnOldDatabase = async (
  only: Record<string, Migration>,
  fill: (old: OldDb) => Promise<void>,
  env: Record<string, string> = {},
): Promise<OnOldDatabase> => {
  const database = await createTestDatabase();
  const { db, close } = openDatabase(parseConfig({ DATABASE_URL: database.url }).database);
  const old = db as unknown as OldDb;
  const migrated = await migrateOnly(old, only);
  expect(migrated.error).toBeUndefined();
  await fill(old);
  await close();

  const server = await startTestServer({ ...env, DATABASE_URL: database.url });
  const reader = await createUser(server, 'reader');
  return {
    server,
    auth: reader.auth,
    close: async () => {
      await server.close();
      await database.drop();
    },
  };
};

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

/** Writes OLD_BOOKS, owned by an admin, as the schema of BEFORE_SCALE stored them. */
const fillBeforeScale = async (old: OldDb) => {
  await insertOldOwner(old, 'librarian', 'admin');
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
};

describe(`migrating an existing database to the scale schema (${TEST_DATABASE_KIND})`, () => {
  let server: TestServer;
  let auth: { Authorization: string };
  let close: () => Promise<void>;

  beforeAll(async () => {
    // ADMIN_USERNAME and ADMIN_PASSWORD create no admin here: the database already has users.
    ({ server, auth, close } = await startOnOldDatabase(BEFORE_SCALE, fillBeforeScale, {
      ADMIN_USERNAME: 'ignored',
      ADMIN_PASSWORD: 'ignored password',
    }));
  }, 60_000);
  afterAll(() => close());

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
        owner_username: 'librarian',
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

/** The migrations that existed before tags were normalised and counted. */
const BEFORE_TAG_COUNTS = Object.fromEntries(
  Object.entries(migrations).filter(([name]) => name < '2026_11_26_130000'),
);

/** Books as stored before tags were normalised: any case, duplicates after lower-casing. */
const UNNORMALISED_BOOKS = [
  { id: '0b3d8b4f-2222-4c3e-9d3a-000000000001', tags: ['Sci-Fi', 'sci-fi', 'Classic'] },
  { id: '0b3d8b4f-2222-4c3e-9d3a-000000000002', tags: ['ÉTÉ', 'classic'] },
  { id: '0b3d8b4f-2222-4c3e-9d3a-000000000003', tags: ['plain'] },
  { id: '0b3d8b4f-2222-4c3e-9d3a-000000000004', tags: [] },
];

/** Writes UNNORMALISED_BOOKS as the schema of BEFORE_TAG_COUNTS stored them. */
const fillBeforeTagCounts = async (old: OldDb) => {
  await insertOldOwner(old, 'curator', 'user');
  for (const [index, book] of UNNORMALISED_BOOKS.entries()) {
    const at = `2025-02-0${index + 1}T00:00:00.000Z`;
    const title = `Old Book ${index}`;
    await old
      .insertInto('books')
      .values({
        id: book.id,
        title,
        author: 'Anon',
        isbn: null,
        published_year: 1900 + index,
        owner_id: OWNER_ID,
        created_at: at,
        updated_at: at,
        tags: JSON.stringify(book.tags),
        title_key: title.toLowerCase(),
        author_key: 'anon',
      })
      .execute();
    for (const tag of book.tags) {
      await old
        .insertInto('book_tags')
        .values({
          book_id: book.id,
          tag,
          created_at: at,
          title_key: title.toLowerCase(),
          year_key: 1900 + index,
        })
        .execute();
    }
  }
};

describe(`normalising and counting the tags of an existing database (${TEST_DATABASE_KIND})`, () => {
  let server: TestServer;
  let auth: { Authorization: string };
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ server, auth, close } = await startOnOldDatabase(BEFORE_TAG_COUNTS, fillBeforeTagCounts));
  }, 60_000);
  afterAll(() => close());

  it('rewrites the tags of each book normalised, in books and book_tags alike', async () => {
    const expected = [['sci-fi', 'classic'], ['été', 'classic'], ['plain'], []];
    for (const [index, book] of UNNORMALISED_BOOKS.entries()) {
      const response = await server.request().get(`/api/books/${book.id}`).set(auth).expect(200);
      expect(BookSchema.strict().parse(response.body).tags).toEqual(expected[index]);
      const rows = await server.db
        .selectFrom('book_tags')
        .select(['tag', 'year_key', 'title_key'])
        .where('book_id', '=', book.id)
        .orderBy('tag')
        .execute();
      expect(rows).toEqual(
        [...(expected[index] ?? [])]
          .sort()
          .map((tag) => ({ tag, year_key: 1900 + index, title_key: `old book ${index}` })),
      );
    }
    const classic = await server.request().get('/api/books').query({ tag: 'CLASSIC' }).set(auth);
    expect(
      BookPageSchema.parse(classic.body)
        .items.map((book) => book.id)
        .sort(),
    ).toEqual([UNNORMALISED_BOOKS[0]?.id, UNNORMALISED_BOOKS[1]?.id]);
  });

  it('counts the tags in tag_counts, as GET /api/tags lists them', async () => {
    const response = await server.request().get('/api/tags').set(auth).expect(200);
    expect(response.body).toEqual({
      items: [
        { name: 'classic', count: 2 },
        { name: 'plain', count: 1 },
        { name: 'sci-fi', count: 1 },
        { name: 'été', count: 1 },
      ],
    });
  });
});

describe.skipIf(TEST_DATABASE_KIND !== 'postgres')(
  postgresOnly('statistics for searches on PostgreSQL'),
  () => {
    it('samples the search keys ten times more widely than the default', async () => {
      const server = await startTestServer();
      try {
        const { rows } = await sql<{ column: string; target: number }>`
          select attname as column, attstattarget as target from pg_attribute
          where attrelid = 'books'::regclass and attname in ('title_key', 'author_key', 'title')
          order by attname`.execute(server.db);
        // title keeps the default (-1); the keys the LIKE searches read get 1,000.
        expect(rows).toEqual([
          { column: 'author_key', target: 1000 },
          { column: 'title', target: -1 },
          { column: 'title_key', target: 1000 },
        ]);
      } finally {
        await server.close();
      }
    });
  },
);

/** The migrations that existed before SQLite's year indexes were on a column. */
const BEFORE_YEAR_COLUMN = Object.fromEntries(
  Object.entries(migrations).filter(([name]) => name < '2026_11_27_100000'),
);

const ANALYZED_BOOKS = Array.from({ length: 60 }, (_, i) =>
  syntheticBook(8_000_000 + i, [OWNER_ID]),
);

describe.skipIf(TEST_DATABASE_KIND !== 'sqlite')(
  sqliteOnly(
    'indexing the years of an analyzed SQLite database by column',
    'the year_key column and its planner statistics are SQLite’s',
  ),
  () => {
    let server: TestServer;
    let auth: { Authorization: string };
    let close: () => Promise<void>;

    beforeAll(async () => {
      ({ server, auth, close } = await startOnOldDatabase(BEFORE_YEAR_COLUMN, async (old) => {
        await insertOldOwner(old, 'librarian', 'admin');
        await insertBooks(old as unknown as Db, ANALYZED_BOOKS);
        await sql`analyze`.execute(old);
      }));
    }, 60_000);
    afterAll(() => close());

    it('gives the new year indexes planner statistics, as every other index has', async () => {
      const { rows } = await sql<{ idx: string; stat: string }>`
        select idx, stat from sqlite_stat1 where tbl = 'books' order by idx`.execute(server.db);
      const rowsOf = (index: string) => rows.find((row) => row.idx === index)?.stat.split(' ')[0];
      expect(rowsOf('books_year_key_id_idx')).toBe(String(ANALYZED_BOOKS.length));
      expect(rowsOf('books_owner_year_key_id_idx')).toBe(String(ANALYZED_BOOKS.length));
      expect(rowsOf('books_created_at_id_idx')).toBe(String(ANALYZED_BOOKS.length));
    });

    it('pages by year from the column, missing years first, as before', async () => {
      const byYear = [...ANALYZED_BOOKS]
        .sort(
          (a, b) =>
            (a.published_year ?? -1_000_000) - (b.published_year ?? -1_000_000) ||
            (a.id < b.id ? -1 : 1),
        )
        .map((book) => book.id);
      for (const [sort, expected] of [
        ['published_year', byYear],
        ['-published_year', [...byYear].reverse()],
      ] as const) {
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const response = await server
            .request()
            .get('/api/books')
            .query({ sort, limit: 25, ...(cursor === null ? {} : { cursor }) })
            .set(auth)
            .expect(200);
          const page = BookPageSchema.parse(response.body);
          ids.push(...page.items.map((book) => book.id));
          cursor = page.next_cursor;
        } while (cursor !== null);
        expect(ids).toEqual(expected);
      }
    });
  },
);
