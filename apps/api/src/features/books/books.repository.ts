import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Book, BookSort } from '@shelf/contracts';
import type { BookRow, Db } from '../../db/database.js';
import type { KeysetPosition } from './cursor.js';

/** Sorts books without a year as the oldest, identically in SQLite and PostgreSQL. */
const MISSING_YEAR_SORT_KEY = -1_000_000;

export interface BookFilters {
  q?: string | undefined;
  author?: string | undefined;
  tag?: string | undefined;
}

export interface BookPageQuery extends BookFilters {
  sort: BookSort;
  limit: number;
  after?: KeysetPosition | undefined;
}

export interface BookPageResult {
  books: Book[];
  /** Position of the last book returned, when more books follow it. */
  nextPosition: KeysetPosition | undefined;
}

/** The fields a write sets; timestamps and ownership are decided by the service. */
export interface BookRecord {
  id: string;
  title: string;
  author: string;
  isbn: string | null;
  published_year: number | null;
  tags: string[];
  owner_id: string;
  created_at: string;
  updated_at: string;
}

const sortKeyExpression = (sort: BookSort): RawBuilder<string | number> => {
  const field = sort.replace(/^-/, '');
  if (field === 'title') return sql<string>`lower(${sql.ref('books.title')})`;
  if (field === 'published_year') {
    return sql<number>`coalesce(${sql.ref('books.published_year')}, ${sql.lit(MISSING_YEAR_SORT_KEY)})`;
  }
  return sql<string>`${sql.ref('books.created_at')}`;
};

/** `%` and `_` in user input match themselves, not any character. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;

const containsIgnoringCase = (column: 'books.title' | 'books.author', text: string) =>
  sql<SqlBool>`lower(${sql.ref(column)}) like ${containsPattern(text)} escape '\\'`;

const toBook = (row: BookRow, tags: string[]): Book => ({
  id: row.id,
  title: row.title,
  author: row.author,
  isbn: row.isbn,
  published_year: row.published_year,
  tags,
  owner_id: row.owner_id,
  created_at: row.created_at,
  updated_at: row.updated_at,
});

const loadTags = async (db: Db, bookIds: string[]): Promise<Map<string, string[]>> => {
  const tagsByBook = new Map<string, string[]>(bookIds.map((id) => [id, []]));
  if (bookIds.length === 0) return tagsByBook;
  const rows = await db
    .selectFrom('book_tags')
    .select(['book_id', 'tag'])
    .where('book_id', 'in', bookIds)
    .orderBy('book_id')
    .orderBy('position')
    .execute();
  for (const row of rows) tagsByBook.get(row.book_id)?.push(row.tag);
  return tagsByBook;
};

const replaceTags = async (db: Db, bookId: string, tags: string[]): Promise<void> => {
  await db.deleteFrom('book_tags').where('book_id', '=', bookId).execute();
  if (tags.length === 0) return;
  await db
    .insertInto('book_tags')
    .values(tags.map((tag, position) => ({ book_id: bookId, tag, position })))
    .execute();
};

/**
 * One page of books in keyset order: rows strictly after `after` in (sort key, id) order, never
 * OFFSET, so pages stay fast and stable while books are added or removed.
 */
export const listBooks = async (db: Db, query: BookPageQuery): Promise<BookPageResult> => {
  const isDescending = query.sort.startsWith('-');
  const direction = isDescending ? 'desc' : 'asc';
  const sortKey = sortKeyExpression(query.sort);
  const { q, author, tag, after } = query;
  const op = isDescending ? '<' : '>';

  const rows = await db
    .selectFrom('books')
    .selectAll('books')
    .select(sortKey.as('sort_key'))
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = [];
      if (q !== undefined && q !== '') {
        conditions.push(
          eb.or([containsIgnoringCase('books.title', q), containsIgnoringCase('books.author', q)]),
        );
      }
      if (author !== undefined && author !== '')
        conditions.push(containsIgnoringCase('books.author', author));
      if (tag !== undefined && tag !== '') {
        conditions.push(
          eb.exists(
            eb
              .selectFrom('book_tags')
              .select('book_tags.book_id')
              .whereRef('book_tags.book_id', '=', 'books.id')
              .where('book_tags.tag', '=', tag),
          ),
        );
      }
      if (after !== undefined) {
        conditions.push(
          eb.or([
            eb(sortKey, op, after.key),
            eb.and([eb(sortKey, '=', after.key), eb('books.id', op, after.id)]),
          ]),
        );
      }
      return eb.and(conditions);
    })
    .orderBy(sortKey, direction)
    .orderBy('books.id', direction)
    .limit(query.limit + 1)
    .execute();

  const pageRows = rows.slice(0, query.limit);
  const tags = await loadTags(
    db,
    pageRows.map((row) => row.id),
  );
  const last = pageRows.at(-1);
  return {
    books: pageRows.map((row) => toBook(row, tags.get(row.id) ?? [])),
    nextPosition:
      rows.length > query.limit && last !== undefined
        ? { key: last.sort_key, id: last.id }
        : undefined,
  };
};

export const findBookById = async (db: Db, id: string): Promise<Book | undefined> => {
  const row = await db.selectFrom('books').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  const tags = await loadTags(db, [id]);
  return toBook(row, tags.get(id) ?? []);
};

/** Inserts a book and its tags atomically; a duplicate ISBN surfaces as a unique violation. */
export const insertBook = async (db: Db, book: BookRecord): Promise<Book> =>
  db.transaction().execute(async (trx) => {
    const { tags, ...row } = book;
    await trx.insertInto('books').values(row).execute();
    await replaceTags(trx, book.id, tags);
    return toBook(row, tags);
  });

/** Writes every field of an existing book and its tags atomically. */
export const updateBook = async (db: Db, book: BookRecord): Promise<Book> =>
  db.transaction().execute(async (trx) => {
    const { tags, id, ...fields } = book;
    await trx.updateTable('books').set(fields).where('id', '=', id).execute();
    await replaceTags(trx, id, tags);
    return toBook({ id, ...fields }, tags);
  });

/** Deletes a book (its tags go with it); true when a row was removed. */
export const deleteBook = async (db: Db, id: string): Promise<boolean> => {
  const result = await db.deleteFrom('books').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
};
