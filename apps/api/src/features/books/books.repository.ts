import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Book, BookSort } from '@shelf/contracts';
import type { Db } from '../../db/database.js';
import type { ReadRunner } from '../../db/read-runner.js';
import type { KeysetPosition } from './keyset-position.js';
import { containsPattern, likeEscaped } from '../../db/like-pattern.js';
import { isSqlite } from '../../db/dialect.js';
import { queryTemplates } from '../../db/query-templates.js';
import { BOOK_COLUMNS, MISSING_YEAR_SORT_KEY, toBook, type BookColumns } from './book-rows.js';
import { searchKey } from './search-key.js';
import {
  isTrigramSearchable,
  probeRarestTrigrams,
  probeWholeTerms,
  type SearchTerm,
} from './text-index-probe.js';

export interface BookFilters {
  q?: string | undefined;
  author?: string | undefined;
  tag?: string | undefined;
  /** Only this user's books (`owner=me`). */
  ownerId?: string | undefined;
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

/** Where the books repository reads and writes. */
export interface BooksStore {
  db: Db;
  /** Indexed reads (a page, a book) run here. */
  reads: ReadRunner;
  /** Substring searches run here, so a slow one never blocks other requests. */
  offloadedReads: ReadRunner;
}

type SortField = 'created_at' | 'title' | 'published_year';

const SORTS: Record<BookSort, { field: SortField; isDescending: boolean }> = {
  created_at: { field: 'created_at', isDescending: false },
  '-created_at': { field: 'created_at', isDescending: true },
  title: { field: 'title', isDescending: false },
  '-title': { field: 'title', isDescending: true },
  published_year: { field: 'published_year', isDescending: false },
  '-published_year': { field: 'published_year', isDescending: true },
};

/**
 * The sort key when walking `books` (each has an index on (key, id)). A year is the generated
 * column `year_key` on SQLite, which seeks a keyset position only on a column's index, and the same
 * expression on PostgreSQL, whose index is on the expression.
 */
const bookSortKey = (db: Db, field: SortField): RawBuilder<string | number> => {
  if (field === 'title') return sql<string>`${sql.ref('books.title_key')}`;
  if (field === 'published_year') {
    return isSqlite(db)
      ? sql<number>`${sql.ref('books.year_key')}`
      : sql<number>`coalesce(${sql.ref('books.published_year')}, ${sql.lit(MISSING_YEAR_SORT_KEY)})`;
  }
  return sql<string>`${sql.ref('books.created_at')}`;
};

/** The same key as copied into `book_tags` (indexed on (tag, key, book_id)). */
const tagSortKey = (field: SortField): RawBuilder<string | number> => {
  if (field === 'title') return sql<string>`${sql.ref('book_tags.title_key')}`;
  if (field === 'published_year') return sql<number>`${sql.ref('book_tags.year_key')}`;
  return sql<string>`${sql.ref('book_tags.created_at')}`;
};

const contains = (column: 'books.title_key' | 'books.author_key', pattern: string) =>
  likeEscaped(column, pattern);

interface SearchTerms {
  q: string | undefined;
  author: string | undefined;
}

const searchTermsOf = (filters: BookFilters): SearchTerms => ({
  q: filters.q === undefined || filters.q === '' ? undefined : searchKey(filters.q),
  author:
    filters.author === undefined || filters.author === '' ? undefined : searchKey(filters.author),
});

/** The terms SQLite's trigram index can serve (three or more characters). */
const trigramSearchable = (terms: SearchTerms): SearchTerm[] =>
  (['q', 'author'] as const).flatMap((field) => {
    const term = terms[field];
    return term !== undefined && isTrigramSearchable(term) ? [{ field, term }] : [];
  });

/**
 * The text conditions: each term is a LIKE on the stored keys, which PostgreSQL's pg_trgm GIN
 * indexes serve and SQLite checks row by row, either while walking a sort index or on the rows in
 * `matched`, the candidates SQLite's FTS5 trigram index found.
 */
const searchConditions = (values: PageValues): Expression<SqlBool>[] => {
  const conditions: Expression<SqlBool>[] = [];
  if (values.matched !== undefined) {
    conditions.push(
      sql<SqlBool>`${sql.ref('books.seq')} in (select value from json_each(${values.matched}))`,
    );
  }
  if (values.qPattern !== undefined) {
    conditions.push(
      sql<SqlBool>`(${contains('books.title_key', values.qPattern)} or ${contains('books.author_key', values.qPattern)})`,
    );
  }
  if (values.authorPattern !== undefined) {
    conditions.push(contains('books.author_key', values.authorPattern));
  }
  return conditions;
};

interface BookRowWithKey extends BookColumns {
  sort_key: string | number;
}

/** The values a page query takes as parameters; which are present decides its shape. */
interface PageValues extends Record<string, unknown> {
  /** Rows to fetch: the page size and one more, to know whether another page follows. */
  rows: number;
  tag: string | undefined;
  ownerId: string | undefined;
  /** LIKE patterns of the search terms. */
  qPattern: string | undefined;
  authorPattern: string | undefined;
  /** Candidate rowids from the text index, as a JSON array (SQLite). */
  matched: string | undefined;
  afterKey: string | number | undefined;
  afterId: string | undefined;
  /** The walk's last position, inclusive, when it is given a budget (walkWithinBudget). */
  untilKey: string | number | undefined;
  untilId: string | undefined;
}

/** A walk's bounds: strictly after the cursor's position, up to and including `until`. */
interface WalkBounds {
  afterKey: string | number | undefined;
  afterId: string | undefined;
  untilKey?: string | number | undefined;
  untilId?: string | undefined;
}

/** The keyset conditions of a walk on (key, id) in its direction. */
const keysetConditions = (
  key: RawBuilder<string | number>,
  idColumn: string,
  isDescending: boolean,
  { afterKey, afterId, untilKey, untilId }: WalkBounds,
): Expression<SqlBool>[] => {
  const position = sql`(${key}, ${sql.ref(idColumn)})`;
  const [after, until] = isDescending ? ['<', '>='] : ['>', '<='];
  return [
    ...(afterKey === undefined || afterId === undefined
      ? []
      : [sql<SqlBool>`${position} ${sql.raw(after)} (${afterKey}, ${afterId})`]),
    ...(untilKey === undefined || untilId === undefined
      ? []
      : [sql<SqlBool>`${position} ${sql.raw(until)} (${untilKey}, ${untilId})`]),
  ];
};

/** An owner's walk with a tag checks it by book_tags' primary key. */
const ownerTagCondition = (tag: string | undefined): Expression<SqlBool>[] =>
  tag === undefined
    ? []
    : [
        sql<SqlBool>`exists (select 1 from ${sql.table('book_tags')} where ${sql.ref('book_tags.book_id')} = ${sql.ref('books.id')} and ${sql.ref('book_tags.tag')} = ${tag})`,
      ];

/**
 * One of the walks a page can take: with an owner `books` on (owner_id, sort key, id), checking a
 * tag by book_tags' primary key (one user's books are far fewer than a tag's); else with a tag
 * `book_tags` on (tag, sort key, id); otherwise `books` on (sort key, id). The keys are the same in
 * every walk, so cursors carry over.
 */
interface Walk {
  table: 'books' | 'book_tags';
  key: RawBuilder<string | number>;
  idColumn: 'books.id' | 'book_tags.book_id';
  /** What keeps the walk to its owner or tag. */
  scope: Expression<SqlBool>[];
}

const walkOf = (
  db: Db,
  field: SortField,
  { tag, ownerId }: { tag: string | undefined; ownerId: string | undefined },
): Walk => {
  if (ownerId !== undefined) {
    return {
      table: 'books',
      key: bookSortKey(db, field),
      idColumn: 'books.id',
      scope: [sql<SqlBool>`${sql.ref('books.owner_id')} = ${ownerId}`, ...ownerTagCondition(tag)],
    };
  }
  if (tag !== undefined) {
    return {
      table: 'book_tags',
      key: tagSortKey(field),
      idColumn: 'book_tags.book_id',
      scope: [sql<SqlBool>`${sql.ref('book_tags.tag')} = ${tag}`],
    };
  }
  return { table: 'books', key: bookSortKey(db, field), idColumn: 'books.id', scope: [] };
};

/**
 * The page's query: its walk (walkOf), narrowed by the text filters, each row's owner's username
 * from `users` by primary key, in the same query. Rows come strictly after the cursor's position,
 * never by OFFSET, so pages stay fast and stable while books are added or removed.
 */
const pageQuery = (db: Db, sort: BookSort, values: PageValues) => {
  const { field, isDescending } = SORTS[sort];
  const direction = isDescending ? 'desc' : 'asc';
  const walk = walkOf(db, field, values);
  const conditions = [
    ...walk.scope,
    ...searchConditions(values),
    ...keysetConditions(walk.key, walk.idColumn, isDescending, values),
  ];
  const rows =
    walk.table === 'book_tags'
      ? db.selectFrom('book_tags').innerJoin('books', 'books.id', 'book_tags.book_id')
      : db.selectFrom('books');
  return rows
    .innerJoin('users', 'users.id', 'books.owner_id')
    .select(BOOK_COLUMNS)
    .select(walk.key.as('sort_key'))
    .where((eb) => eb.and(conditions))
    .orderBy(walk.key, direction)
    .orderBy(sql.ref(walk.idColumn), direction)
    .limit(values.rows);
};

/** The values of walkEndQuery. */
interface WalkEndValues extends WalkBounds, Record<string, unknown> {
  /** Books of the walk before the one it ends on. */
  skip: number;
  tag: string | undefined;
  ownerId: string | undefined;
}

/**
 * Where pageQuery's walk from the cursor ends after `skip + 1` books, as its (sort_key, id): the
 * same walk without the text filters, on the sort index alone. No row when fewer books are left.
 * An owner's walk with a tag checks the tag book by book, so it has no such end (walkWithinBudget
 * does not ask for one).
 */
const walkEndQuery = (db: Db, sort: BookSort, values: WalkEndValues) => {
  const { field, isDescending } = SORTS[sort];
  const direction = isDescending ? 'desc' : 'asc';
  const walk = walkOf(db, field, values);
  const conditions = [
    ...walk.scope,
    ...keysetConditions(walk.key, walk.idColumn, isDescending, values),
  ];
  return db
    .selectFrom(walk.table)
    .select([walk.key.as('sort_key'), sql<string>`${sql.ref(walk.idColumn)}`.as('id')])
    .where((eb) => eb.and(conditions))
    .orderBy(walk.key, direction)
    .orderBy(sql.ref(walk.idColumn), direction)
    .limit(sql<number>`1`)
    .offset(values.skip);
};

const compilePage = queryTemplates<PageValues>();

/**
 * The compiled query of one page of `query`: its walk from the cursor, narrowed to `matched` (the
 * candidates SQLite's text index found) when given, and ending at `until` (inclusive) when given.
 * listBooks runs it.
 */
export const compilePageQuery = (
  db: Db,
  query: BookPageQuery,
  matched?: string,
  until?: KeysetPosition,
) => {
  const terms = searchTermsOf(query);
  return compilePage<BookRowWithKey>(
    db,
    query.sort,
    {
      rows: query.limit + 1,
      tag: query.tag === '' ? undefined : query.tag,
      ownerId: query.ownerId,
      qPattern: terms.q === undefined ? undefined : containsPattern(terms.q),
      authorPattern: terms.author === undefined ? undefined : containsPattern(terms.author),
      matched,
      afterKey: query.after?.key,
      afterId: query.after?.id,
      untilKey: until?.key,
      untilId: until?.id,
    },
    (values) => pageQuery(db, query.sort, values),
  );
};

const compileWalkEnd = queryTemplates<WalkEndValues>();

/**
 * Books a search for a common term walks in sort order before it asks the text index exactly which
 * books hold the term: about a millisecond of LIKE checks, which fill a page of 20 whenever one book
 * in a hundred matches (of 100, one in twenty).
 */
const WALK_BUDGET = 2000;

/**
 * The page of a term whose rarest trigrams are common, found by walking at most WALK_BUDGET books
 * from the cursor; undefined when they hold less than a page (the term is rarer than its trigrams),
 * and then the text index is asked for the exact matches. Either answer is the page the whole walk
 * would give: a full page, or every book left when fewer than WALK_BUDGET are. Also undefined, at
 * once, for an owner's books with a tag: that walk checks the tag book by book, so no index tells
 * where its budget ends.
 */
const walkWithinBudget = async (
  store: BooksStore,
  query: BookPageQuery,
): Promise<BookRowWithKey[] | undefined> => {
  const tag = query.tag === '' ? undefined : query.tag;
  if (query.ownerId !== undefined && tag !== undefined) return undefined;
  const walkEnd = compileWalkEnd<{ sort_key: string | number; id: string }>(
    store.db,
    query.sort,
    {
      skip: WALK_BUDGET - 1,
      tag,
      ownerId: query.ownerId,
      afterKey: query.after?.key,
      afterId: query.after?.id,
    },
    (values) => walkEndQuery(store.db, query.sort, values),
  );
  const [end] = await store.offloadedReads.all(walkEnd);
  const rows = await store.offloadedReads.all(
    compilePageQuery(
      store.db,
      query,
      undefined,
      end === undefined ? undefined : { key: end.sort_key, id: end.id },
    ),
  );
  return end === undefined || rows.length > query.limit ? rows : undefined;
};

/** Rows read for a page (one more than it holds) as the page and where the next one starts. */
const toPage = (query: BookPageQuery, rows: BookRowWithKey[]): BookPageResult => {
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows.at(-1);
  return {
    books: pageRows.map(toBook),
    nextPosition:
      rows.length > query.limit && last !== undefined
        ? { key: last.sort_key, id: last.id }
        : undefined,
  };
};

/**
 * One page of books in keyset order: one query, except that a search on SQLite first asks its text
 * index (text-index-probe.ts) and may walk a budget of books (walkWithinBudget), up to five
 * statements in all. Searches run on `store.offloadedReads`.
 */
export const listBooks = async (
  store: BooksStore,
  query: BookPageQuery,
): Promise<BookPageResult> => {
  const terms = searchTermsOf(query);
  const isSearch = terms.q !== undefined || terms.author !== undefined;
  const indexed = isSearch && isSqlite(store.db) ? trigramSearchable(terms) : [];
  if (indexed.length === 0) {
    const reads = isSearch ? store.offloadedReads : store.reads;
    return toPage(query, await reads.all(compilePageQuery(store.db, query)));
  }
  const byRarest = await probeRarestTrigrams(store, indexed);
  if (byRarest?.kind === 'common') {
    const walked = await walkWithinBudget(store, query);
    if (walked !== undefined) return toPage(query, walked);
  }
  const found =
    byRarest === undefined || byRarest.kind === 'common'
      ? await probeWholeTerms(store, indexed)
      : byRarest;
  if (found.kind === 'none') return { books: [], nextPosition: undefined };
  const matched = found.kind === 'rare' ? found.seqs : undefined;
  return toPage(query, await store.offloadedReads.all(compilePageQuery(store.db, query, matched)));
};

/** A book as stored, with the version its ETag carries. */
export interface VersionedBook {
  book: Book;
  version: number;
}

const compileById = queryTemplates<{ id: string }>();

export const findBookById = async (
  store: BooksStore,
  id: string,
): Promise<VersionedBook | undefined> => {
  const [row] = await store.reads.all(
    compileById(store.db, 'book', { id }, (values) =>
      store.db
        .selectFrom('books')
        .innerJoin('users', 'users.id', 'books.owner_id')
        .select(BOOK_COLUMNS)
        .select('books.version')
        .where('books.id', '=', values.id),
    ),
  );
  return row === undefined ? undefined : { book: toBook(row), version: row.version };
};
