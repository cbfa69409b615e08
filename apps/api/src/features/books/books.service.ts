import type {
  Book,
  BookPage,
  CreateBookInput,
  ListBooksQuery,
  UpdateBookInput,
} from '@shelf/contracts';
import type { Db } from '../../db/database.js';
import { inTransaction } from '../../db/grouped-transactions.js';
import type { ReadRunner } from '../../db/read-runner.js';
import { AppError, conflict, forbidden, notFound } from '../../errors/app-error.js';
import type { AuthUser } from '../auth/auth-user.js';
import { UserNotFoundError } from '../auth/user-not-found-error.js';
import {
  claimIdempotencyKey,
  recordIdempotentResponse,
  type IdempotencyScope,
} from '../idempotency/idempotency-keys.repository.js';
import {
  changeBook,
  insertBook,
  removeBook,
  type BookChanges,
  type WriteCondition,
  type WriteResult,
} from './book-writes.repository.js';
import * as books from './books.repository.js';
import type { VersionedBook } from './books.repository.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { newBookId } from './book-id.js';
import { IsbnTakenError } from './isbn-taken-error.js';
import { acceptedVersions, bookETag, type IfMatch } from './entity-tag.js';
import { isUuid } from '../../ids.js';

export interface BooksDeps {
  db: Db;
}

/** Reading also needs where reads run: indexed ones, and substring searches (off the event loop on SQLite). */
export interface BooksReadDeps extends BooksDeps {
  reads: ReadRunner;
  offloadedReads: ReadRunner;
}

/** How long an Idempotency-Key and its response are kept. */
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 3600;

const bookNotFound = (id: string) => notFound('book-not-found', `No book with id ${id}`);

/** Answers the repositories' domain errors: a taken ISBN is a 409, a vanished owner a 401. */
const withConstraints = async <T>(isbn: string | null | undefined, write: () => Promise<T>) => {
  try {
    return await write();
  } catch (error) {
    if (error instanceof IsbnTakenError) {
      throw conflict('isbn-taken', `Another book already has the ISBN ${isbn ?? ''}`);
    }
    if (error instanceof UserNotFoundError) {
      throw new AppError('user-not-found', 'This account no longer exists', 401);
    }
    throw error;
  }
};

/** The outcome of a conditional write, or the precise error for why it did not happen. */
const settle = <T>(id: string, result: WriteResult<T>): T => {
  if (result.isDone) return result.value;
  switch (result.reason) {
    case 'not-found':
      throw bookNotFound(id);
    case 'forbidden':
      throw forbidden('not-book-owner', 'Only the book’s owner or an admin may change it');
    case 'stale':
      throw new AppError(
        'precondition-failed',
        'The book has changed since the ETag in If-Match; fetch it again and reapply the change',
        412,
        { headers: { ETag: bookETag(result.current) } },
      );
  }
};

/** A write's id, normalised; a string that is not a UUID names no book. */
const bookIdOf = (id: string): string => {
  if (!isUuid(id)) throw bookNotFound(id);
  return id.toLowerCase();
};

const conditionFor = (
  user: AuthUser,
  id: string,
  ifMatch: IfMatch | undefined,
): WriteCondition => ({
  actor: { id: user.id, role: user.role },
  versions: acceptedVersions(id, ifMatch),
});

/** A page of books for `caller`; `owner=me` keeps the caller's own. */
export const listBooks = async (
  deps: BooksReadDeps,
  caller: AuthUser,
  query: ListBooksQuery,
): Promise<BookPage> => {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort);
  const page = await books.listBooks(deps, {
    ...query,
    ownerId: query.owner === 'me' ? caller.id : undefined,
    after,
  });
  return {
    items: page.books,
    next_cursor:
      page.nextPosition === undefined ? null : encodeCursor(query.sort, page.nextPosition),
  };
};

/** A book by id with its version; 404 for unknown ids, including ones that are not UUIDs at all. */
export const getBook = async (deps: BooksReadDeps, id: string): Promise<VersionedBook> => {
  const found = isUuid(id) ? await books.findBookById(deps, id.toLowerCase()) : undefined;
  if (found === undefined) throw bookNotFound(id);
  return found;
};

/** A created book as its response: the body and the headers a replay repeats. */
export interface CreatedBook {
  book: Book;
  location: string;
  etag: string;
  /** True when an Idempotency-Key retry got the first request's response again. */
  isReplay: boolean;
}

const createdBook = (book: Book): CreatedBook => ({
  book,
  location: `/api/books/${book.id}`,
  etag: bookETag({ id: book.id, version: 1 }),
  isReplay: false,
});

/** The first response of an Idempotency-Key, or why this retry can't have it. */
const replayOf = (
  scope: IdempotencyScope,
  claim: Exclude<Awaited<ReturnType<typeof claimIdempotencyKey>>, { isClaimed: true }>,
): CreatedBook => {
  if (claim.requestHash !== scope.requestHash) {
    throw new AppError(
      'idempotency-key-reused',
      'This Idempotency-Key was already used with a different body; use a new key for a new request',
      422,
    );
  }
  if (claim.response === undefined) {
    throw conflict(
      'idempotency-key-in-progress',
      'A request with this Idempotency-Key is still in progress; retry shortly',
    );
  }
  return {
    book: JSON.parse(claim.response.body) as Book,
    location: claim.response.headers.Location ?? '',
    etag: claim.response.headers.ETag ?? '',
    isReplay: true,
  };
};

/**
 * Creates a book owned by `user`. With an Idempotency-Key the key is claimed, the book inserted and
 * the response recorded in one transaction, so a retry either replays that response or (if the
 * first attempt rolled back) creates the book itself: never two books, never a lost answer. On
 * SQLite, creates that arrive together share one commit (db/grouped-transactions.ts).
 */
export const createBook = async (
  deps: BooksDeps,
  user: AuthUser,
  input: CreateBookInput,
  idempotency?: { key: string; requestHash: string },
): Promise<CreatedBook> => {
  const now = new Date();
  const book: Book = {
    id: newBookId(),
    title: input.title,
    author: input.author,
    isbn: input.isbn ?? null,
    published_year: input.published_year ?? null,
    tags: input.tags,
    owner_id: user.id,
    owner_username: user.username,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  return withConstraints(book.isbn, () =>
    inTransaction(deps.db, async (trx) => {
      if (idempotency === undefined) {
        await insertBook(trx, book);
        return createdBook(book);
      }
      const scope = { userId: user.id, ...idempotency };
      const claim = await claimIdempotencyKey(trx, scope, now, IDEMPOTENCY_KEY_TTL_SECONDS);
      if (!claim.isClaimed) return replayOf(scope, claim);
      await insertBook(trx, book);
      const created = createdBook(book);
      await recordIdempotentResponse(trx, scope, {
        status: 201,
        body: JSON.stringify(book),
        headers: { Location: created.location, ETag: created.etag },
      });
      return created;
    }),
  );
};

/** Applies `changes` under the caller's rights and `If-Match`, in one conditional write. */
const writeBook = async (
  deps: BooksDeps,
  user: AuthUser,
  rawId: string,
  changes: BookChanges,
  ifMatch: IfMatch | undefined,
): Promise<VersionedBook> => {
  const id = bookIdOf(rawId);
  const result = await withConstraints(changes.isbn, () =>
    changeBook(deps.db, id, changes, conditionFor(user, id, ifMatch), new Date().toISOString()),
  );
  return settle(rawId, result);
};

/** PUT: every field is replaced; omitted optional ones are cleared. */
export const replaceBook = async (
  deps: BooksDeps,
  user: AuthUser,
  id: string,
  input: CreateBookInput,
  ifMatch?: IfMatch,
): Promise<VersionedBook> =>
  writeBook(
    deps,
    user,
    id,
    {
      title: input.title,
      author: input.author,
      isbn: input.isbn ?? null,
      published_year: input.published_year ?? null,
      tags: input.tags,
    },
    ifMatch,
  );

/** PATCH: only the fields present change; `null` clears isbn or published_year. */
export const updateBook = async (
  deps: BooksDeps,
  user: AuthUser,
  id: string,
  input: UpdateBookInput,
  ifMatch?: IfMatch,
): Promise<VersionedBook> => writeBook(deps, user, id, input, ifMatch);

export const deleteBook = async (
  deps: BooksDeps,
  user: AuthUser,
  rawId: string,
  ifMatch?: IfMatch,
): Promise<void> => {
  const id = bookIdOf(rawId);
  settle(rawId, await removeBook(deps.db, id, conditionFor(user, id, ifMatch)));
};
