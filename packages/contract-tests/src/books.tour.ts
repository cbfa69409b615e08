import { randomUUID } from 'node:crypto';
import { BookPageSchema, BookSchema, TagListSchema, type Book } from '@shelf/contracts';
import { bearer, type Account } from './accounts.js';
import type { TourResponse } from './http.js';
import { randomIsbn13 } from './isbn.js';
import type { Report } from './report.js';
import type { Step } from './step.js';

/** Books the tour created and has not deleted yet, to clean up whatever happens. */
export type CreatedBooks = Set<string>;

const bookOf = (response: TourResponse | undefined): Book | undefined =>
  BookSchema.safeParse(response?.body).data;

const MAX_PAGES = 50;

/** Creates three books titled `<marker> A..C`; returns them, as created. */
const createBooks = async (
  step: Step,
  owner: Account,
  marker: string,
  created: CreatedBooks,
): Promise<Book[]> => {
  const books: Book[] = [];
  for (const [index, letter] of ['C', 'A', 'B'].entries()) {
    const response = await step(
      `creates a book (${letter})`,
      {
        method: 'POST',
        path: '/api/books',
        headers: bearer(owner),
        json: {
          title: `${marker} ${letter}`,
          author: 'Contract Tour',
          isbn: randomIsbn13(),
          published_year: 2000 + index,
          tags: ['contract-tour'],
        },
      },
      { status: 201 },
    );
    const book = bookOf(response);
    if (book !== undefined) {
      created.add(book.id);
      books.push(book);
    }
  }
  return books;
};

/** Searches for the marker sorted by title, one book per page, following next_cursor to the end. */
const listToTheEnd = async (step: Step, owner: Account, marker: string): Promise<string[]> => {
  const titles: string[] = [];
  let cursor: string | null = null;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const query = new URLSearchParams({ q: marker, sort: 'title', limit: '1' });
    if (cursor !== null) query.set('cursor', cursor);
    const response = await step(
      `lists page ${page} of a search sorted by title`,
      { method: 'GET', path: `/api/books?${query.toString()}`, headers: bearer(owner) },
      { status: 200 },
    );
    const parsed = BookPageSchema.safeParse(response?.body);
    if (!parsed.success) break;
    titles.push(...parsed.data.items.map((book) => book.title));
    cursor = parsed.data.next_cursor;
    if (cursor === null) break;
  }
  return titles;
};

/** Idempotency-Key: the same create twice makes one book, the second answer says it is a replay. */
const tourIdempotentCreate = async (
  step: Step,
  owner: Account,
  marker: string,
  created: CreatedBooks,
): Promise<void> => {
  const request = {
    method: 'POST',
    path: '/api/books',
    headers: { ...bearer(owner), 'Idempotency-Key': randomUUID() },
    json: { title: `${marker} idempotent`, author: 'Contract Tour' },
  } as const;
  const first = bookOf(
    await step('creates a book with an Idempotency-Key', request, { status: 201 }),
  );
  if (first !== undefined) created.add(first.id);
  await step('replays the same create instead of creating twice', request, {
    status: 201,
    also: (response) => [
      ...(response.headers['idempotent-replayed'] === 'true'
        ? []
        : ['no Idempotent-Replayed: true']),
      ...(bookOf(response)?.id === first?.id ? [] : ['the replay is a different book']),
    ],
  });
};

/** Reads, the conditional read and the writes of one book, with their errors. */
const tourOneBook = async (
  step: Step,
  report: Report,
  owner: Account,
  other: Account | undefined,
  book: Book,
): Promise<void> => {
  const path = `/api/books/${book.id}`;
  const read = await step(
    'reads a book with its ETag',
    { method: 'GET', path, headers: bearer(owner) },
    {
      status: 200,
      also: (response) => (bookOf(response)?.id === book.id ? [] : ['a different book']),
    },
  );
  const etag = read?.headers.etag ?? '"none"';
  await step(
    'answers 304 while the book still has the ETag sent',
    {
      method: 'GET',
      path,
      // fetch adds `Cache-Control: no-cache` to a conditional request that names none, and a server
      // must then answer in full (Express does): name one that allows the 304.
      headers: { ...bearer(owner), 'If-None-Match': etag, 'Cache-Control': 'max-age=0' },
    },
    { status: 304 },
  );
  const patched = await step(
    'updates a book when If-Match is current',
    {
      method: 'PATCH',
      path,
      headers: { ...bearer(owner), 'If-Match': etag },
      json: { title: `${book.title} (patched)` },
    },
    {
      status: 200,
      also: (response) => (response.headers.etag === etag ? ['the ETag did not change'] : []),
    },
  );
  await step(
    'refuses an update based on a stale ETag',
    {
      method: 'PATCH',
      path,
      headers: { ...bearer(owner), 'If-Match': etag },
      json: { title: 'Stale' },
    },
    { status: 412 },
  );
  await step(
    'replaces a book',
    {
      method: 'PUT',
      path,
      headers: { ...bearer(owner), 'If-Match': patched?.headers.etag ?? '*' },
      json: { title: book.title, author: 'Contract Tour (replaced)' },
    },
    {
      status: 200,
      also: (response) => (bookOf(response)?.isbn === null ? [] : ['PUT kept the omitted isbn']),
    },
  );
  await step(
    'refuses an invalid update, field by field',
    { method: 'PATCH', path, headers: bearer(owner), json: { title: '' } },
    { status: 400, code: 'validation-failed' },
  );
  if (other === undefined) {
    report.skip(
      '403 not-book-owner',
      'needs a second account: registration is disabled and only one was given',
    );
    return;
  }
  await step(
    'refuses an update by someone else',
    { method: 'PATCH', path, headers: bearer(other), json: { title: 'Not mine' } },
    { status: 403, code: 'not-book-owner' },
  );
  await step(
    'refuses a delete by someone else',
    { method: 'DELETE', path, headers: bearer(other) },
    { status: 403, code: 'not-book-owner' },
  );
};

/**
 * The catalogue as `owner`: create (with its errors and Idempotency-Key), search with sort and cursor
 * to the end, read, conditional read, update, replace and delete, and the errors of each. `other`, a
 * second account, is refused changes to the owner's books (403).
 */
export const tourBooks = async (
  step: Step,
  report: Report,
  accounts: { owner: Account; other: Account | undefined },
  created: CreatedBooks,
): Promise<void> => {
  const { owner, other } = accounts;
  const marker = `contract-tour-${randomUUID().slice(0, 8)}`;
  const books = await createBooks(step, owner, marker, created);
  const [first, second] = books;
  if (first === undefined || second === undefined) return;

  await step(
    'refuses a second book with the same ISBN',
    {
      method: 'POST',
      path: '/api/books',
      headers: bearer(owner),
      json: { title: `${marker} dup`, author: 'Contract Tour', isbn: first.isbn },
    },
    { status: 409, code: 'isbn-taken' },
  );
  await step(
    'refuses an invalid book, field by field',
    {
      method: 'POST',
      path: '/api/books',
      headers: bearer(owner),
      json: { title: '', published_year: 99999 },
    },
    { status: 400, code: 'validation-failed' },
  );
  await step(
    'refuses a book that is not JSON',
    { method: 'POST', path: '/api/books', headers: bearer(owner), text: 'title=x' },
    { status: 415 },
  );
  await step(
    'refuses a create without credentials',
    { method: 'POST', path: '/api/books', json: { title: 'x', author: 'y' } },
    { status: 401 },
  );
  await tourIdempotentCreate(step, owner, marker, created);

  const titles = await listToTheEnd(step, owner, marker);
  await step(
    'lists only the caller’s books with owner=me',
    {
      method: 'GET',
      path: `/api/books?${new URLSearchParams({ owner: 'me', q: marker }).toString()}`,
      headers: bearer(owner),
    },
    {
      status: 200,
      also: (response) => {
        const items = BookPageSchema.safeParse(response.body).data?.items ?? [];
        return items.length >= books.length &&
          items.every((book) => book.owner_id === first.owner_id)
          ? []
          : ['owner=me listed a book of another owner, or missed one of the caller’s'];
      },
    },
  );
  await step(
    'lists the tags in use with their counts',
    { method: 'GET', path: '/api/tags?q=Contract-Tour', headers: bearer(owner) },
    {
      status: 200,
      also: (response) => {
        const items = TagListSchema.safeParse(response.body).data?.items ?? [];
        const tag = items.find((item) => item.name === 'contract-tour');
        return tag !== undefined && tag.count >= books.length
          ? []
          : ['the tour’s tag is missing from GET /api/tags or counted short'];
      },
    },
  );
  const expected = books.map((book) => book.title).sort();
  const listedOurs = titles.filter((title) => expected.includes(title));
  if (JSON.stringify(listedOurs) === JSON.stringify(expected))
    report.pass('the search found every book created, in title order, across pages');
  else
    report.fail('the search found every book created, in title order, across pages', [
      `listed ${JSON.stringify(titles)}, expected ${JSON.stringify(expected)} among them`,
    ]);
  await step(
    'refuses a page size out of range',
    { method: 'GET', path: '/api/books?limit=0', headers: bearer(owner) },
    { status: 400 },
  );

  await tourOneBook(step, report, owner, other, first);

  const unknown = `/api/books/${randomUUID()}`;
  await step(
    'answers an unknown book with 404',
    { method: 'GET', path: unknown, headers: bearer(owner) },
    { status: 404, code: 'book-not-found' },
  );
  await step(
    'refuses to update an unknown book',
    { method: 'PATCH', path: unknown, headers: bearer(owner), json: { title: 'x' } },
    { status: 404, code: 'book-not-found' },
  );

  const secondPath = `/api/books/${second.id}`;
  await step(
    'refuses a delete based on a stale ETag',
    { method: 'DELETE', path: secondPath, headers: { ...bearer(owner), 'If-Match': '"stale"' } },
    { status: 412 },
  );
  const deleted = await step(
    'deletes a book',
    { method: 'DELETE', path: secondPath, headers: bearer(owner) },
    { status: 204 },
  );
  if (deleted?.status === 204) created.delete(second.id);
  await step(
    'answers a deleted book with 404',
    { method: 'GET', path: secondPath, headers: bearer(owner) },
    { status: 404, code: 'book-not-found' },
  );
  await step(
    'refuses to delete it twice',
    { method: 'DELETE', path: secondPath, headers: bearer(owner) },
    { status: 404, code: 'book-not-found' },
  );
};

/** Deletes what the tour created and has not deleted yet; each delete is a check. */
export const cleanUpBooks = async (
  step: Step,
  owner: Account,
  created: CreatedBooks,
): Promise<void> => {
  for (const id of [...created]) {
    const response = await step(
      'cleans up a book the tour created',
      { method: 'DELETE', path: `/api/books/${id}`, headers: bearer(owner) },
      { status: 204 },
    );
    if (response?.status === 204) created.delete(id);
  }
};
