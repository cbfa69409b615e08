import { CompiledQuery, sql, SqliteAdapter } from 'kysely';
import type { Db } from '../../db/database.js';
import { translateViolations } from '../../db/translate-violations.js';
import { toBookRow, toTagRows, type BookToInsert } from './book-rows.js';
import { BOOK_VIOLATIONS, insertBooks } from './book-writes.repository.js';
import { applyTagDeltas, tagDeltas } from '../tags/tags.repository.js';

/** Rows per INSERT statement: 11 and 5 parameters a row, well under SQLite's 32,766. */
const BOOKS_PER_STATEMENT = 500;
const TAGS_PER_STATEMENT = 1000;

/** Triggers that keep the text index: dropped for a bulk load, which rebuilds the index once instead. */
const TEXT_INDEX_TRIGGER_PREFIX = 'books_search_';

interface SchemaObject {
  type: 'index' | 'trigger';
  name: string;
  sql: string;
}

/** A multi-row INSERT of `rows` rows, prepared once per text by the statement cache. */
const insertSql = (table: string, columns: readonly string[], rows: number) => {
  const row = `(${columns.map(() => '?').join(', ')})`;
  return `insert into "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) values ${Array.from({ length: rows }, () => row).join(', ')}`;
};

/** Inserts `rows` into `table`, a statement per `perStatement` rows, parameters in `columns` order. */
const insertRows = async (
  db: Db,
  table: string,
  rows: readonly Record<string, unknown>[],
  perStatement: number,
) => {
  const [first] = rows;
  if (first === undefined) return;
  const columns = Object.keys(first);
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters = chunk.flatMap((row) => columns.map((column) => row[column]));
    await db.executeQuery(CompiledQuery.raw(insertSql(table, columns, chunk.length), parameters));
  }
};

/**
 * The secondary indexes of `books` and `book_tags` and the text index's triggers, with the SQL that
 * created them: SQLite keeps each migration's statement verbatim, so running it again recreates the
 * object exactly as the migration defined it. Indexes behind constraints (unique ids and ISBNs, keys)
 * have no SQL and stay, so the load still checks them.
 */
const deferredObjects = async (db: Db): Promise<SchemaObject[]> => {
  const { rows } = await sql<SchemaObject>`
    select type, name, sql from sqlite_master
    where sql is not null and (
      (type = 'index' and tbl_name in ('books', 'book_tags')) or
      (type = 'trigger' and tbl_name = 'books' and name like ${`${TEXT_INDEX_TRIGGER_PREFIX}%`}))
    order by type, name`.execute(db);
  return rows;
};

const loadSqlite = async (
  db: Db,
  batches: Iterable<BookToInsert[]>,
  onBatch: (books: number) => void,
): Promise<void> => {
  await db.transaction().execute(async (trx) => {
    const deferred = await deferredObjects(trx);
    for (const { type, name } of deferred) {
      await sql`drop ${sql.raw(type)} ${sql.id(name)}`.execute(trx);
    }
    const counted = new Map<string, number>();
    await translateViolations(async () => {
      for (const books of batches) {
        await insertRows(trx, 'books', books.map(toBookRow), BOOKS_PER_STATEMENT);
        await insertRows(trx, 'book_tags', books.flatMap(toTagRows), TAGS_PER_STATEMENT);
        for (const [tag, count] of tagDeltas(books.flatMap((book) => book.tags))) {
          counted.set(tag, (counted.get(tag) ?? 0) + count);
        }
        onBatch(books.length);
      }
    }, BOOK_VIOLATIONS);
    await applyTagDeltas(trx, counted);
    for (const object of deferred.filter(({ type }) => type === 'index')) {
      await sql.raw(object.sql).execute(trx);
    }
    await sql`insert into books_search(books_search) values ('rebuild')`.execute(trx);
    for (const object of deferred.filter(({ type }) => type === 'trigger')) {
      await sql.raw(object.sql).execute(trx);
    }
  });
};

/**
 * Adds many books at once, for seeding: the same rows, index entries, tag counts and text index as
 * insertBooks gives them, written faster. On SQLite the whole load is one transaction that drops the secondary
 * indexes and the text index's triggers, inserts every batch through reused prepared statements,
 * adds the load's tag counts to tag_counts once, then recreates the indexes from their own SQL and
 * rebuilds the text index once; a failure (a
 * duplicate ISBN throws IsbnTakenError) leaves the database as it was. Meanwhile other writers wait,
 * so it is for bulk loads, not for a serving database. On PostgreSQL each batch is an insertBooks
 * (a transaction of its own).
 * `onBatch` hears of each batch written (its number of books).
 */
export const bulkInsertBooks = async (
  db: Db,
  batches: Iterable<BookToInsert[]>,
  onBatch: (books: number) => void = () => undefined,
): Promise<void> => {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await loadSqlite(db, batches, onBatch);
    return;
  }
  for (const books of batches) {
    await insertBooks(db, books);
    onBatch(books.length);
  }
};
