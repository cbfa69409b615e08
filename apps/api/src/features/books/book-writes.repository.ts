import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { mayChangeBook, mayChangeEveryBook, type BookActor } from '@shelf/contracts';
import type { Database, Db } from '../../db/database.js';
import { inTransaction } from '../../db/grouped-transactions.js';
import { queryTemplates } from '../../db/query-templates.js';
import { translateViolations } from '../../db/translate-violations.js';
import { UserNotFoundError } from '../auth/user-not-found-error.js';
import { toBook, toBookRow, toTagRows, yearKey, type BookToInsert } from './book-rows.js';
import type { VersionedBook } from './books.repository.js';
import { IsbnTakenError } from './isbn-taken-error.js';
import { applyTagDeltas, tagDeltas } from '../tags/tags.repository.js';
import { searchKey } from './search-key.js';

/** What a write returns: the book's columns (unqualified, as RETURNING takes them) and its new version. */
const RETURNED_COLUMNS = [
  'id',
  'title',
  'author',
  'isbn',
  'published_year',
  'owner_id',
  'created_at',
  'updated_at',
  'tags',
  'version',
] as const;

/** The owner's username beside a written book's columns: RETURNING may hold a scalar subquery on both engines. */
const OWNER_USERNAME =
  sql<string>`(select ${sql.ref('users.username')} from ${sql.table('users')} where ${sql.ref('users.id')} = ${sql.ref('books.owner_id')})`.as(
    'owner_username',
  );

/** A taken ISBN, or an owner deleted meanwhile, as the domain errors a write throws. */
export const BOOK_VIOLATIONS = {
  unique: () => new IsbnTakenError(),
  foreignKey: () => new UserNotFoundError(),
};

/** Rows per INSERT statement when writing many books (well under SQLite's 32,766 parameters). */
const INSERT_CHUNK = 500;

/** Who may write a book, and from which versions. */
export interface WriteCondition {
  /** The caller, whom mayChangeBook decides for: an owner may change their books, an admin any book. */
  actor: BookActor;
  /** The versions `If-Match` accepts; undefined when the write is unconditional. */
  versions: readonly number[] | undefined;
}

/** Why a conditional write did not happen, decided from the book as it is now. */
export type WriteRefusal =
  | { reason: 'not-found' }
  | { reason: 'forbidden' }
  | { reason: 'stale'; current: { id: string; version: number } };

export type WriteResult<T> = { isDone: true; value: T } | ({ isDone: false } & WriteRefusal);

/** The fields a PATCH or PUT sets; absent fields keep their value. */
export interface BookChanges {
  title?: string;
  author?: string;
  isbn?: string | null;
  published_year?: number | null;
  tags?: string[];
}

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );

/**
 * Inserts books with their tags, and counts the tags (tag_counts), through `db`, which must be an
 * open transaction. Throws IsbnTakenError for a duplicate ISBN and UserNotFoundError for an owner
 * that no longer exists.
 */
export const insertBookRows = (db: Db, books: BookToInsert[]): Promise<void> =>
  translateViolations(async () => {
    for (const chunk of chunks(books.map(toBookRow), INSERT_CHUNK)) {
      await db.insertInto('books').values(chunk).execute();
    }
    for (const chunk of chunks(books.flatMap(toTagRows), INSERT_CHUNK)) {
      await db.insertInto('book_tags').values(chunk).execute();
    }
    await applyTagDeltas(db, tagDeltas(books.flatMap((book) => book.tags)));
  }, BOOK_VIOLATIONS);

const compileBookInsert = queryTemplates<ReturnType<typeof toBookRow>>();

type TagRow = ReturnType<typeof toTagRows>[number];
/** A book's tag rows as one statement's values: the keys they share, and `tag0`, `tag1`, ... */
type TagRowsValues = Omit<TagRow, 'tag'> & Record<`tag${number}`, string>;
const compileTagRowsInsert = queryTemplates<TagRowsValues>();

const tagAt = (values: TagRowsValues, index: number): string => {
  const tag = values[`tag${index}`];
  if (tag === undefined) throw new Error(`no tag${index} among the values`);
  return tag;
};

/**
 * One multi-row insert of a book's tag rows, compiled once per number of tags (each `tagN` present
 * is part of the template's shape): one statement, as many rows as tags.
 */
const tagRowsInsert = (db: Db, rows: TagRow[]) => {
  const [first] = rows;
  if (first === undefined) return undefined;
  const { tag: _tag, ...shared } = first;
  const values: TagRowsValues = {
    ...shared,
    ...Object.fromEntries(rows.map((row, index) => [`tag${index}`, row.tag])),
  };
  return compileTagRowsInsert(db, 'insert book tags', values, (slots) =>
    db.insertInto('book_tags').values(
      rows.map((_row, index) => ({
        book_id: slots.book_id,
        tag: tagAt(slots, index),
        created_at: slots.created_at,
        title_key: slots.title_key,
        year_key: slots.year_key,
      })),
    ),
  );
};

/**
 * Inserts one book with its tags, and counts the tags, through `db`, which must be an open
 * transaction: insertBookRows for one book, with each statement compiled once (db/query-templates.ts)
 * rather than on every create. Throws IsbnTakenError and UserNotFoundError as insertBookRows does.
 */
export const insertBook = (db: Db, book: BookToInsert): Promise<void> =>
  translateViolations(async () => {
    await db.executeQuery(
      compileBookInsert(db, 'insert book', toBookRow(book), (row) =>
        db.insertInto('books').values(row),
      ),
    );
    const tagRows = tagRowsInsert(db, toTagRows(book));
    if (tagRows !== undefined) await db.executeQuery(tagRows);
    await applyTagDeltas(db, tagDeltas(book.tags));
  }, BOOK_VIOLATIONS);

/**
 * Inserts books with their tags in one transaction (the text index follows by trigger on SQLite,
 * by index on PostgreSQL); a duplicate ISBN throws IsbnTakenError and nothing is written.
 */
export const insertBooks = async (db: Db, books: BookToInsert[]): Promise<void> => {
  await db.transaction().execute((trx) => insertBookRows(trx, books));
};

/** The WHERE clause of a conditional write: this book, one mayChangeBook allows the caller, at an accepted version. */
const writable =
  (id: string, condition: WriteCondition) =>
  (eb: ExpressionBuilder<Database, 'books'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [eb('books.id', '=', id)];
    if (!mayChangeEveryBook(condition.actor)) {
      conditions.push(eb('books.owner_id', '=', condition.actor.id));
    }
    if (condition.versions !== undefined) {
      conditions.push(eb('books.version', 'in', condition.versions));
    }
    return eb.and(conditions);
  };

/** Why a write matched no row, read after the fact: the book is gone, not the caller's, or at another version. */
const refusalOf = async (db: Db, id: string, condition: WriteCondition): Promise<WriteRefusal> => {
  const current = await db
    .selectFrom('books')
    .select(['owner_id', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (current === undefined) return { reason: 'not-found' };
  if (!mayChangeBook(condition.actor, current)) return { reason: 'forbidden' };
  return { reason: 'stale', current: { id, version: current.version } };
};

const refused = (refusal: WriteRefusal): { isDone: false } & WriteRefusal => ({
  isDone: false,
  ...refusal,
});

/** The `books` columns a change sets, with the search keys of the text it changes. */
const bookColumnsOf = (changes: BookChanges) => ({
  ...(changes.title === undefined
    ? {}
    : { title: changes.title, title_key: searchKey(changes.title) }),
  ...(changes.author === undefined
    ? {}
    : { author: changes.author, author_key: searchKey(changes.author) }),
  ...(changes.isbn === undefined ? {} : { isbn: changes.isbn }),
  ...(changes.published_year === undefined ? {} : { published_year: changes.published_year }),
  ...(changes.tags === undefined ? {} : { tags: JSON.stringify(changes.tags) }),
});

/**
 * Changes a book in one statement that also checks it exists, belongs to the caller (unless an
 * admin) and is at an accepted version, then brings its `book_tags` rows along in the same
 * transaction: rewritten when the tags changed, their sort keys updated when the title or year did.
 * The update locks the row, so a concurrent delete waits and a concurrent conditional write
 * re-checks the version: no interleaving loses a change or hits a foreign key. On SQLite it shares
 * a commit with the writes that arrive with it (db/grouped-transactions.ts).
 */
export const changeBook = async (
  db: Db,
  id: string,
  changes: BookChanges,
  condition: WriteCondition,
  updatedAt: string,
): Promise<WriteResult<VersionedBook>> =>
  translateViolations(
    () =>
      inTransaction(db, async (trx): Promise<WriteResult<VersionedBook>> => {
        if (condition.versions?.length === 0) return refused(await refusalOf(trx, id, condition));
        const row = await trx
          .updateTable('books')
          .set({
            ...bookColumnsOf(changes),
            updated_at: updatedAt,
            version: sql<number>`version + 1`,
          })
          .where(writable(id, condition))
          .returning([...RETURNED_COLUMNS, OWNER_USERNAME])
          .executeTakeFirst();
        if (row === undefined) return refused(await refusalOf(trx, id, condition));
        const book = toBook(row);
        if (changes.tags !== undefined) {
          const removed = await trx
            .deleteFrom('book_tags')
            .where('book_id', '=', id)
            .returning('tag')
            .execute();
          const tagRows = tagRowsInsert(trx, toTagRows(book));
          if (tagRows !== undefined) await trx.executeQuery(tagRows);
          await applyTagDeltas(
            trx,
            tagDeltas(
              book.tags,
              removed.map((row) => row.tag),
            ),
          );
        } else if (changes.title !== undefined || changes.published_year !== undefined) {
          await trx
            .updateTable('book_tags')
            .set({ title_key: searchKey(book.title), year_key: yearKey(book.published_year) })
            .where('book_id', '=', id)
            .execute();
        }
        return { isDone: true, value: { book, version: row.version } };
      }),
    BOOK_VIOLATIONS,
  );

/**
 * Deletes a book (its tag rows go with it by cascade) under the same checks as changeBook, in one
 * statement, and takes its tags off tag_counts in the same transaction (grouped on SQLite, as
 * changeBook).
 */
export const removeBook = async (
  db: Db,
  id: string,
  condition: WriteCondition,
): Promise<WriteResult<undefined>> => {
  if (condition.versions?.length === 0) return refused(await refusalOf(db, id, condition));
  return inTransaction(db, async (trx): Promise<WriteResult<undefined>> => {
    const row = await trx
      .deleteFrom('books')
      .where(writable(id, condition))
      .returning('tags')
      .executeTakeFirst();
    if (row === undefined) return refused(await refusalOf(trx, id, condition));
    await applyTagDeltas(trx, tagDeltas([], JSON.parse(row.tags) as string[]));
    return { isDone: true, value: undefined };
  });
};
