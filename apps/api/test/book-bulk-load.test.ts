import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticBook } from '../bench/synthetic-books.js';
import type { BookToInsert as Book } from '../src/features/books/book-rows.js';
import { parseConfig } from '../src/config.js';
import type { Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabase, type OpenDatabase } from '../src/db/open-database.js';
import { createUser } from '../src/features/auth/auth.service.js';
import { bulkInsertBooks } from '../src/features/books/book-bulk-load.repository.js';
import { insertBooks } from '../src/features/books/book-writes.repository.js';
import { searchKey } from '../src/features/books/search-key.js';
import { IsbnTakenError } from '../src/features/books/isbn-taken-error.js';
import { createTestDatabase, TEST_DATABASE_KIND } from './test-server.js';

/**
 * The bulk path bench:seed uses must leave exactly what insertBooks leaves: the same rows, the same
 * index definitions, the same text index. Two databases get the same books, one each way.
 */

const BOOKS = 1200;
const BATCH = 500;
const OWNER_IDS = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'];

interface Target {
  drop(): Promise<void>;
  open: OpenDatabase;
}

const targets: Target[] = [];

const prepare = async (): Promise<{ db: Db; books: Book[] }> => {
  const database = await createTestDatabase();
  const open = openDatabase(parseConfig({ DATABASE_URL: database.url }).database);
  targets.push({ drop: () => database.drop(), open });
  await migrateToLatest(open.db, TEST_DATABASE_KIND);
  const owners = await Promise.all(
    OWNER_IDS.map(async (id, i) => {
      const user = await createUser(
        { db: open.db },
        { username: `bulk_${String(i)}`, password: 'bulk password', role: 'user' },
      );
      // Both databases must give the books the same owners.
      await open.db.updateTable('users').set({ id }).where('id', '=', user.id).execute();
      return id;
    }),
  );
  const books = Array.from({ length: BOOKS }, (_, i) => syntheticBook(9_000_000 + i, owners));
  return { db: open.db, books };
};

const batchesOf = (books: Book[]): Book[][] =>
  Array.from({ length: Math.ceil(books.length / BATCH) }, (_, i) =>
    books.slice(i * BATCH, (i + 1) * BATCH),
  );

/** Everything a load writes, in a stable order. */
const contentOf = async (db: Db) => {
  const books = await sql`select * from books order by id`.execute(db);
  const tags = await sql`select * from book_tags order by book_id, tag`.execute(db);
  const tagCounts = await sql`select tag, book_count from tag_counts order by tag`.execute(db);
  if (TEST_DATABASE_KIND !== 'sqlite') {
    return { books: books.rows, tags: tags.rows, tagCounts: tagCounts.rows };
  }
  const schema = await sql`select type, name, tbl_name, sql from sqlite_master
    where name not like 'kysely_%' order by type, name`.execute(db);
  await sql`create virtual table if not exists temp.search_terms
    using fts5vocab(main, books_search, instance)`.execute(db);
  const terms = await sql`select term, doc, col, offset from temp.search_terms
    order by term, doc, col, offset`.execute(db);
  const found = await sql`select rowid from books_search
    where books_search match '"lovelace" OR "the silent"' order by rowid`.execute(db);
  return {
    books: books.rows,
    tags: tags.rows,
    tagCounts: tagCounts.rows,
    schema: schema.rows,
    terms: terms.rows,
    found: found.rows,
  };
};

let viaInsertBooks: Awaited<ReturnType<typeof contentOf>>;
let viaBulkLoad: Awaited<ReturnType<typeof contentOf>>;
let bulk: { db: Db; books: Book[] };

beforeAll(async () => {
  const one = await prepare();
  for (const batch of batchesOf(one.books)) await insertBooks(one.db, batch);
  viaInsertBooks = await contentOf(one.db);
  bulk = await prepare();
  await bulkInsertBooks(bulk.db, batchesOf(bulk.books));
  viaBulkLoad = await contentOf(bulk.db);
}, 60_000);
afterAll(async () => {
  for (const target of targets) {
    await target.open.close();
    await target.drop();
  }
});

describe(`bulkInsertBooks (${TEST_DATABASE_KIND})`, () => {
  it('writes the same books, tag rows and tag counts as insertBooks', () => {
    expect(viaBulkLoad.books).toHaveLength(BOOKS);
    expect(viaBulkLoad.tags.length).toBeGreaterThan(BOOKS);
    expect(viaBulkLoad.books).toEqual(viaInsertBooks.books);
    expect(viaBulkLoad.tags).toEqual(viaInsertBooks.tags);
    expect(viaBulkLoad.tagCounts).toEqual(viaInsertBooks.tagCounts);
    const recounted = new Map<string, number>();
    for (const { tag } of viaBulkLoad.tags as { tag: string }[]) {
      recounted.set(tag, (recounted.get(tag) ?? 0) + 1);
    }
    expect(
      (viaBulkLoad.tagCounts as { tag: string; book_count: number | string }[]).map((row) => [
        row.tag,
        Number(row.book_count),
      ]),
    ).toEqual([...recounted].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it.runIf(TEST_DATABASE_KIND === 'sqlite')(
    'leaves the same indexes, triggers and text index as insertBooks',
    () => {
      expect(viaBulkLoad.schema).toEqual(viaInsertBooks.schema);
      expect(viaBulkLoad.terms).toEqual(viaInsertBooks.terms);
      expect(viaBulkLoad.found).toEqual(viaInsertBooks.found);
      expect(viaBulkLoad.found).not.toHaveLength(0);
    },
  );

  it('writes nothing when a book is refused, and keeps the text index current', async () => {
    const [taken] = bulk.books.filter((book) => book.isbn !== null);
    if (taken === undefined) throw new Error('no generated book has an ISBN');
    const late = syntheticBook(9_100_000, [taken.owner_id]);
    const duplicate = { ...taken, id: '00000000-0000-4000-8000-0000000000ff' };
    // One batch is atomic on both engines; on SQLite the whole load is one transaction.
    const loads = TEST_DATABASE_KIND === 'sqlite' ? [[[late], [duplicate]]] : [];
    for (const batches of [[[late, duplicate]], ...loads]) {
      await expect(bulkInsertBooks(bulk.db, batches)).rejects.toBeInstanceOf(IsbnTakenError);
      expect(await contentOf(bulk.db)).toEqual(viaBulkLoad);
    }
    // The triggers are back: a book written the ordinary way is found by the text index.
    await insertBooks(bulk.db, [late]);
    if (TEST_DATABASE_KIND !== 'sqlite') return;
    const { rows } = await sql<{ id: string }>`select b.id from books_search s
      join books b on b.seq = s.rowid
      where books_search match ${`"${searchKey(late.title)}"`}`.execute(bulk.db);
    expect(rows.map((row) => row.id)).toContain(late.id);
  });
});
