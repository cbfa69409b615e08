/**
 * Baseline (b), the minimal architecture: Express + ts-rest (@ts-rest/express with Shelf's own
 * contract routes) + jsonwebtoken verifying with a KeyObject + one prepared better-sqlite3 statement
 * per route on Shelf's database file, and nothing else: no logging, no CORS, no security headers, no
 * rate limit, no revocation check, no response validation. Shelf's target is to come within 5% of it.
 *
 * Reads use a read-only connection; POST /api/books uses a second, writable connection (WAL,
 * synchronous=NORMAL, as Shelf) with one prepared insert per table in one transaction, and ids
 * that are version 7 UUIDs, as Shelf's.
 *
 * Usage: node --import tsx bench/minimal-server.ts  (PORT, DATABASE_PATH, JWT_SECRET from the environment)
 */
import { createSecretKey } from 'node:crypto';
import SQLite from 'better-sqlite3';
import express from 'express';
import jwt from 'jsonwebtoken';
import { initContract } from '@ts-rest/core';
import { createExpressEndpoints, initServer } from '@ts-rest/express';
import { booksContract, type Book } from '@shelf/contracts';
import { v7 } from 'uuid';

const databasePath = process.env.DATABASE_PATH ?? '';
const key = createSecretKey(Buffer.from(process.env.JWT_SECRET ?? '', 'utf8'));
const verifyOptions = { algorithms: ['HS256' as const], issuer: 'shelf', audience: 'shelf-api' };

const reader = new SQLite(databasePath, { readonly: true });

const columnsOf = (table: string) =>
  new Set((reader.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));

interface BookRow {
  id: string;
  title: string;
  author: string;
  isbn: string | null;
  published_year: number | null;
  owner_id: string;
  owner_username: string;
  created_at: string;
  updated_at: string;
  tags: string | null;
}

/** Tags are read from the row when the schema stores them there, else from book_tags. */
const TAGS_SQL = columnsOf('books').has('tags')
  ? 'b.tags'
  : '(SELECT json_group_array(tag) FROM (SELECT tag FROM book_tags t WHERE t.book_id = b.id ORDER BY t.position))';
const COLUMNS = `b.id, b.title, b.author, b.isbn, b.published_year, b.owner_id, u.username AS owner_username, b.created_at, b.updated_at, ${TAGS_SQL} AS tags`;
/** The owner's username, as Shelf reads it: users joined on its primary key, in the same query. */
const FROM = 'books b JOIN users u ON u.id = b.owner_id';

const pageStatement = reader.prepare<[number], BookRow>(
  `SELECT ${COLUMNS} FROM ${FROM} ORDER BY b.created_at DESC, b.id DESC LIMIT ?`,
);
const bookStatement = reader.prepare<[string], BookRow>(
  `SELECT ${COLUMNS} FROM ${FROM} WHERE b.id = ?`,
);

const toBook = (row: BookRow): Book => ({
  id: row.id,
  title: row.title,
  author: row.author,
  isbn: row.isbn,
  published_year: row.published_year,
  tags: row.tags === null ? [] : (JSON.parse(row.tags) as string[]),
  owner_id: row.owner_id,
  owner_username: row.owner_username,
  created_at: row.created_at,
  updated_at: row.updated_at,
});

/** As Shelf's search key: what the case-insensitive indexes store beside the text. */
const searchKey = (text: string) => text.normalize('NFKC').toLowerCase();
const MISSING_YEAR_SORT_KEY = -1_000_000;

/**
 * The writable connection, opened on the first write so read-only scenarios never hold one. The
 * insert follows the schema it finds (tags and search keys on the row, per-tag sort keys, tag
 * counts), so the baseline writes the same rows and fires the same text-index triggers as Shelf.
 */
const openWriter = () => {
  const db = new SQLite(databasePath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const bookColumns = columnsOf('books');
  const tagColumns = columnsOf('book_tags');
  const bookValues = (book: Book): Record<string, string | number | null> => ({
    id: book.id,
    title: book.title,
    author: book.author,
    isbn: book.isbn,
    published_year: book.published_year,
    owner_id: book.owner_id,
    created_at: book.created_at,
    updated_at: book.updated_at,
    tags: JSON.stringify(book.tags),
    title_key: searchKey(book.title),
    author_key: searchKey(book.author),
  });
  const tagValues = (book: Book, tag: string, position: number) => ({
    book_id: book.id,
    tag,
    position,
    created_at: book.created_at,
    title_key: searchKey(book.title),
    year_key: book.published_year ?? MISSING_YEAR_SORT_KEY,
  });
  const insertInto = (table: string, names: string[]) =>
    db.prepare(
      `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`,
    );
  const bookNames = [
    'id',
    'title',
    'author',
    'isbn',
    'published_year',
    'owner_id',
    'created_at',
    'updated_at',
    'tags',
    'title_key',
    'author_key',
  ].filter((name) => bookColumns.has(name));
  const tagNames = ['book_id', 'tag', 'position', 'created_at', 'title_key', 'year_key'].filter(
    (name) => tagColumns.has(name),
  );
  const insertBook = insertInto('books', bookNames);
  const insertTag = insertInto('book_tags', tagNames);
  const countTag = columnsOf('tag_counts').has('book_count')
    ? db.prepare(
        'INSERT INTO tag_counts (tag, book_count) VALUES (?, 1) ON CONFLICT (tag) DO UPDATE SET book_count = book_count + 1',
      )
    : undefined;
  const pick = (values: Record<string, unknown>, names: string[]) =>
    Object.fromEntries(names.map((name) => [name, values[name]]));
  return db.transaction((book: Book) => {
    insertBook.run(pick(bookValues(book), bookNames));
    book.tags.forEach((tag, position) => {
      insertTag.run(pick(tagValues(book, tag, position), tagNames));
      countTag?.run(tag);
    });
  });
};
let writeBook: ReturnType<typeof openWriter> | undefined;

/** The caller's id and username (as Shelf, from the token's claims) from a valid Bearer access token. */
const authenticate = (
  authorization: string | string[] | undefined,
): { id: string; username: string } | undefined => {
  if (typeof authorization !== 'string' || !authorization.startsWith('Bearer ')) return undefined;
  try {
    const payload = jwt.verify(authorization.slice('Bearer '.length), key, verifyOptions);
    if (typeof payload !== 'object' || typeof payload.sub !== 'string') return undefined;
    const username: unknown = payload.username;
    return typeof username === 'string' ? { id: payload.sub, username } : undefined;
  } catch {
    return undefined;
  }
};

const problem = <S extends number>(status: S, code: string, detail: string) => ({
  status,
  body: { type: 'about:blank', title: code, status, code, detail },
});
const unauthorized = problem(401 as const, 'unauthorized', 'A valid Bearer token is required');

const minimalContract = initContract().router({
  list: booksContract.list,
  get: booksContract.get,
  create: booksContract.create,
});

const s = initServer();
const router = s.router(minimalContract, {
  list: ({ query, headers }) => {
    if (authenticate(headers.authorization) === undefined) return Promise.resolve(unauthorized);
    const rows = pageStatement.all(query.limit + 1);
    const items = rows.slice(0, query.limit).map(toBook);
    const last = items.at(-1);
    const nextCursor =
      rows.length > query.limit && last !== undefined
        ? Buffer.from(JSON.stringify({ s: query.sort, k: last.created_at, i: last.id })).toString(
            'base64url',
          )
        : null;
    return Promise.resolve({ status: 200 as const, body: { items, next_cursor: nextCursor } });
  },
  get: ({ params, headers }) => {
    if (authenticate(headers.authorization) === undefined) return Promise.resolve(unauthorized);
    const row = bookStatement.get(params.id);
    if (row === undefined) {
      return Promise.resolve(problem(404 as const, 'book-not-found', 'No book with this id'));
    }
    return Promise.resolve({ status: 200 as const, body: toBook(row) });
  },
  create: ({ body, headers }) => {
    const caller = authenticate(headers.authorization);
    if (caller === undefined) return Promise.resolve(unauthorized);
    const now = new Date().toISOString();
    const book: Book = {
      id: v7(),
      title: body.title,
      author: body.author,
      isbn: body.isbn ?? null,
      published_year: body.published_year ?? null,
      tags: body.tags,
      owner_id: caller.id,
      owner_username: caller.username,
      created_at: now,
      updated_at: now,
    };
    writeBook ??= openWriter();
    writeBook(book);
    return Promise.resolve({ status: 201 as const, body: book });
  },
});

const app = express();
app.disable('x-powered-by');
app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});
app.post('/api/books', express.json({ limit: '100kb' }));
createExpressEndpoints(minimalContract, router, app, {
  logInitialization: false,
  responseValidation: false,
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close());
