import { randomUUID } from 'node:crypto';
import type {
  Book,
  BookPage,
  CreateBookInput,
  ListBooksQuery,
  UpdateBookInput,
} from '@shelf/contracts';
import type { Db } from '../../db/database.js';
import type { ReadRunner } from '../../db/read-runner.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { conflict, forbidden, notFound } from '../../errors/app-error.js';
import type { AuthUser } from '../auth/auth-user.js';
import * as books from './books.repository.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export interface BooksDeps {
  db: Db;
}

/** Reading also needs where reads run: indexed ones, and substring searches (off the event loop on SQLite). */
export interface BooksReadDeps extends BooksDeps {
  reads: ReadRunner;
  offloadedReads: ReadRunner;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const bookNotFound = (id: string) => notFound('book-not-found', `No book with id ${id}`);

/** Translates the database's ISBN uniqueness into a 409. */
const withIsbnUniqueness = async <T>(isbn: string | null, write: () => Promise<T>): Promise<T> => {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('isbn-taken', `Another book already has the ISBN ${isbn ?? ''}`);
    }
    throw error;
  }
};

/** Only the owner or an admin may change a book. */
const assertMayChange = (user: AuthUser, book: Book): void => {
  if (user.role !== 'admin' && book.owner_id !== user.id) {
    throw forbidden('not-book-owner', 'Only the book’s owner or an admin may change it');
  }
};

export const listBooks = async (deps: BooksReadDeps, query: ListBooksQuery): Promise<BookPage> => {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort);
  const page = await books.listBooks(deps, { ...query, after });
  return {
    items: page.books,
    next_cursor:
      page.nextPosition === undefined ? null : encodeCursor(query.sort, page.nextPosition),
  };
};

/** A book by id; 404 for unknown ids, including ones that are not UUIDs at all. */
export const getBook = async (deps: BooksReadDeps, id: string): Promise<Book> => {
  const book = UUID_PATTERN.test(id) ? await books.findBookById(deps, id.toLowerCase()) : undefined;
  if (book === undefined) throw bookNotFound(id);
  return book;
};

export const createBook = async (
  deps: BooksDeps,
  user: AuthUser,
  input: CreateBookInput,
): Promise<Book> => {
  const now = new Date().toISOString();
  const isbn = input.isbn ?? null;
  return withIsbnUniqueness(isbn, () =>
    books.insertBook(deps.db, {
      id: randomUUID(),
      title: input.title,
      author: input.author,
      isbn,
      published_year: input.published_year ?? null,
      tags: input.tags,
      owner_id: user.id,
      created_at: now,
      updated_at: now,
    }),
  );
};

/** PUT: every field is replaced; omitted optional ones are cleared. */
export const replaceBook = async (
  deps: BooksReadDeps,
  user: AuthUser,
  id: string,
  input: CreateBookInput,
): Promise<Book> => {
  const existing = await getBook(deps, id);
  assertMayChange(user, existing);
  const isbn = input.isbn ?? null;
  return withIsbnUniqueness(isbn, () =>
    books.updateBook(deps.db, {
      ...existing,
      title: input.title,
      author: input.author,
      isbn,
      published_year: input.published_year ?? null,
      tags: input.tags,
      updated_at: new Date().toISOString(),
    }),
  );
};

/** PATCH: only the fields present change; `null` clears isbn or published_year. */
export const updateBook = async (
  deps: BooksReadDeps,
  user: AuthUser,
  id: string,
  input: UpdateBookInput,
): Promise<Book> => {
  const existing = await getBook(deps, id);
  assertMayChange(user, existing);
  const next = {
    ...existing,
    title: input.title ?? existing.title,
    author: input.author ?? existing.author,
    isbn: input.isbn === undefined ? existing.isbn : input.isbn,
    published_year:
      input.published_year === undefined ? existing.published_year : input.published_year,
    tags: input.tags ?? existing.tags,
    updated_at: new Date().toISOString(),
  };
  return withIsbnUniqueness(next.isbn, () => books.updateBook(deps.db, next));
};

export const deleteBook = async (
  deps: BooksReadDeps,
  user: AuthUser,
  id: string,
): Promise<void> => {
  const existing = await getBook(deps, id);
  assertMayChange(user, existing);
  await books.deleteBook(deps.db, existing.id);
};
