import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { UsernameSchema } from './auth.contract.js';
import { MAX_BODY_SIZE_TEXT } from './common/body-limit.js';
import { isValidIsbn, normalizeIsbn } from './common/isbn.js';
import { CursorSchema, LimitSchema, pageOf } from './common/pagination.js';
import { problem, protectedRouteProblems } from './common/problem.js';
import { singleLine } from './common/single-line.js';
import { normalizeTag, normalizeTags } from './common/tags.js';

const c = initContract();

/** Earliest publication year accepted: covers ancient texts such as the Iliad. */
export const MIN_PUBLISHED_YEAR = -3000;

/**
 * The latest publication year the schema admits. Years after the current one are refused too (by a
 * refinement), but a static bound keeps the published document the same from year to year.
 */
export const MAX_PUBLISHED_YEAR = 9999;

/**
 * The messages a person sees for each field of a book form, written once here: the API's 400
 * `errors[].message` carries them, and a form validating with these schemas shows the same words.
 */
export const BOOK_FIELD_MESSAGES = {
  title: {
    required: 'Enter a title',
    tooLong: 'Title must be 200 characters or fewer',
    singleLine: 'Title must be on one line, without control characters',
  },
  author: {
    required: 'Enter an author',
    tooLong: 'Author must be 200 characters or fewer',
    singleLine: 'Author must be on one line, without control characters',
  },
  isbn: { invalid: 'Enter a valid ISBN-10 or ISBN-13' },
  publishedYear: {
    notWhole: 'Enter a year as a whole number',
    tooEarly: `Year must be ${MIN_PUBLISHED_YEAR} or later`,
    inFuture: 'Year must not be in the future',
  },
  tags: {
    notList: 'Tags must be a list of words',
    tooMany: 'Add at most 10 tags',
    empty: 'Tags cannot be empty',
    tooLong: 'Tags must be 32 characters or fewer',
    singleLine: 'Tags must be on one line, without control characters',
  },
} as const;

/** 1-200 characters of text on one line, trimmed, with the messages of `field`. */
const requiredLine = (messages: { required: string; tooLong: string; singleLine: string }) =>
  singleLine(
    z
      .string({ required_error: messages.required, invalid_type_error: messages.required })
      .trim()
      .min(1, messages.required)
      .max(200, messages.tooLong),
    messages.singleLine,
  );

/** 1-200 characters after trimming, on one line. */
export const TitleSchema = requiredLine(BOOK_FIELD_MESSAGES.title);
/** 1-200 characters after trimming, on one line. */
export const AuthorSchema = requiredLine(BOOK_FIELD_MESSAGES.author);

/** An ISBN-10 or ISBN-13 with a valid check digit; hyphens and spaces are accepted and removed. */
export const IsbnSchema = z
  .string({ invalid_type_error: BOOK_FIELD_MESSAGES.isbn.invalid })
  .max(32, BOOK_FIELD_MESSAGES.isbn.invalid)
  .transform(normalizeIsbn)
  .refine(isValidIsbn, BOOK_FIELD_MESSAGES.isbn.invalid);

/** A whole year, not in the future. */
export const PublishedYearSchema = z
  .number({ invalid_type_error: BOOK_FIELD_MESSAGES.publishedYear.notWhole })
  .int(BOOK_FIELD_MESSAGES.publishedYear.notWhole)
  .min(MIN_PUBLISHED_YEAR, BOOK_FIELD_MESSAGES.publishedYear.tooEarly)
  .max(MAX_PUBLISHED_YEAR, BOOK_FIELD_MESSAGES.publishedYear.inFuture)
  .refine(
    (year) => year <= new Date().getUTCFullYear(),
    BOOK_FIELD_MESSAGES.publishedYear.inFuture,
  );

/** Longest tag, after normalising. */
export const MAX_TAG_LENGTH = 32;

/**
 * Up to 10 tags of 1-32 characters, normalised (normalizeTags: trimmed, lower-cased, duplicates
 * dropped keeping the first). Lower-casing can lengthen a few characters (`İ`), so the length is
 * checked on the normalised tag too.
 */
export const TagsSchema = z
  .array(
    singleLine(
      z
        .string({ invalid_type_error: BOOK_FIELD_MESSAGES.tags.notList })
        .trim()
        .min(1, BOOK_FIELD_MESSAGES.tags.empty)
        .max(MAX_TAG_LENGTH, BOOK_FIELD_MESSAGES.tags.tooLong),
      BOOK_FIELD_MESSAGES.tags.singleLine,
    ).refine((tag) => normalizeTag(tag).length <= MAX_TAG_LENGTH, BOOK_FIELD_MESSAGES.tags.tooLong),
    { invalid_type_error: BOOK_FIELD_MESSAGES.tags.notList },
  )
  .max(10, BOOK_FIELD_MESSAGES.tags.tooMany)
  .transform(normalizeTags);

/** An id as the API returns it: a UUID (36 characters). */
const IdSchema = z.string().uuid().max(36);
/** A timestamp as the API returns it. */
const TimestampSchema = z.string().datetime().max(32).describe('ISO-8601, UTC');

/** A book as the API returns it. */
export const BookSchema = z.object({
  id: IdSchema,
  title: singleLine(z.string().max(200)),
  author: singleLine(z.string().max(200)),
  isbn: z
    .string()
    .max(13)
    .regex(/^(\d{9}[\dX]|\d{13})$/)
    .nullable()
    .describe('ISBN-10 or ISBN-13, digits only (X as an ISBN-10 check digit)'),
  published_year: z.number().int().min(MIN_PUBLISHED_YEAR).max(MAX_PUBLISHED_YEAR).nullable(),
  tags: z
    .array(singleLine(z.string().max(MAX_TAG_LENGTH)))
    .max(10)
    .describe('Normalised: trimmed, lower-cased, no duplicates'),
  owner_id: IdSchema,
  owner_username: UsernameSchema.describe('The username of the book’s owner'),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
});

/** The fields a create or a replacement sends. */
const bookFields = {
  title: TitleSchema,
  author: AuthorSchema,
  isbn: IsbnSchema.nullish(),
  published_year: PublishedYearSchema.nullish(),
  tags: TagsSchema.default([]),
};

/** The body of POST /api/books. Unknown fields are rejected. */
export const CreateBookBodySchema = z.object(bookFields).strict();

/**
 * The body of PUT /api/books/:id: the same fields as a create, and a full replacement, so an omitted
 * isbn, published_year or tags is cleared. Unknown fields are rejected.
 */
export const ReplaceBookBodySchema = z.object(bookFields).strict();

/** The body of PATCH /api/books/:id: any subset of the fields; `null` clears isbn or published_year. */
export const UpdateBookBodySchema = z
  .object({
    title: TitleSchema,
    author: AuthorSchema,
    isbn: IsbnSchema.nullable(),
    published_year: PublishedYearSchema.nullable(),
    tags: TagsSchema,
  })
  .partial()
  .strict();

/** Orders accepted by `sort`; a leading `-` means descending. */
export const BOOK_SORTS = [
  'created_at',
  '-created_at',
  'title',
  '-title',
  'published_year',
  '-published_year',
] as const;

/** One of BOOK_SORTS. */
export const BookSortSchema = z.enum(BOOK_SORTS, {
  errorMap: () => ({ message: `Sort must be one of ${BOOK_SORTS.join(', ')}` }),
});

/**
 * The query of GET /api/books. Strings from the URL are coerced (`limit=10`).
 *
 * @example
 * ListBooksQuerySchema.parse({ limit: '10', q: 'tolkien' }); // { limit: 10, q: 'tolkien', sort: '-created_at' }
 */
export const ListBooksQuerySchema = z.object({
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
  q: singleLine(
    z.string().trim().max(200, 'Search must be 200 characters or fewer'),
    'Search must be on one line, without control characters',
  )
    .optional()
    .describe('Case-insensitive match on title or author'),
  author: singleLine(
    z.string().trim().max(200, 'Author must be 200 characters or fewer'),
    'Author must be on one line, without control characters',
  )
    .optional()
    .describe('Case-insensitive match on author'),
  tag: singleLine(
    z.string().trim().max(MAX_TAG_LENGTH, BOOK_FIELD_MESSAGES.tags.tooLong),
    BOOK_FIELD_MESSAGES.tags.singleLine,
  )
    .transform(normalizeTag)
    .optional()
    .describe('Only books carrying this tag; matched case-insensitively (normalised like tags)'),
  owner: z
    .literal('me', {
      errorMap: () => ({ message: 'Owner must be me (or left out for everyone’s)' }),
    })
    .optional()
    .describe('`me`: only the caller’s books (combines with every other filter, sort and cursor)'),
  sort: BookSortSchema.default('-created_at').describe(
    'created_at, title or published_year; a leading - sorts descending. Books without a year sort as the oldest.',
  ),
});

/** One page of GET /api/books: `{ items, next_cursor }`. */
export const BookPageSchema = pageOf(BookSchema);

/** Any string: one that names no book, a malformed one included, is a 404 (books.service.ts). */
const BookIdParamsSchema = z.object({
  id: z.string().describe('Book id (UUID); an id that names no book, malformed or not, is a 404'),
});

/** Visible ASCII, 1-255 characters: what `Idempotency-Key` accepts (a UUID is a good choice). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** `If-Match` on PUT, PATCH and DELETE: the book's `ETag` (or `*`); without it the write is unconditional. */
const ConditionalWriteHeadersSchema = z.object({
  'if-match': z
    .string()
    .max(1024)
    .optional()
    .describe(
      'The ETag the change was based on (or *); a stale one gets 412 with the current ETag',
    ),
});

/** `If-None-Match` on GET: the ETag the caller holds; an unchanged book answers 304. */
const ConditionalReadHeadersSchema = z.object({
  'if-none-match': z
    .string()
    .max(1024)
    .optional()
    .describe('An ETag the caller holds; 304 Not Modified when the book still has it'),
});

/** `Idempotency-Key` on POST: a retry with the same key and body replays the first answer. */
const IdempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .max(255)
    .regex(IDEMPOTENCY_KEY_PATTERN, 'must be 1-255 visible ASCII characters')
    .optional()
    .describe(
      'Makes the create safe to retry: the same key and body within 24 h replay the first response (Idempotent-Replayed: true) and create nothing',
    ),
});

const bookNotFound = problem('No book with this id');
const malformedPath = problem(
  'The path is not valid percent-encoding (code bad-request), or a header is invalid; errors lists each field',
);
const notOwner = problem('Only the book’s owner or an admin may change it');
const invalidBook = problem('Invalid body or parameters; errors lists each field');
const duplicateIsbn = problem('Another book already has this ISBN');
const staleVersion = problem(
  'If-Match does not match the book’s current ETag (sent in this response’s ETag header)',
);

/** What any request that writes a book body can fail with. */
const bookWriteProblems = {
  400: invalidBook,
  409: duplicateIsbn,
  413: problem(`Body larger than ${MAX_BODY_SIZE_TEXT}`),
  415: problem('Body is not application/json'),
  ...protectedRouteProblems,
} as const;

/** Books: the catalogue. Every route needs a Bearer access token or HTTP Basic credentials. */
export const booksContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/api/books',
      query: ListBooksQuerySchema,
      responses: {
        200: BookPageSchema.describe('A page of books'),
        400: problem('Invalid query parameter or cursor'),
        ...protectedRouteProblems,
      },
      summary: 'List books',
      description:
        'Keyset-paginated list of books. Pass `next_cursor` back as `cursor` (with the same filters and sort) for the next page; it is `null` on the last page.',
    },
    get: {
      method: 'GET',
      path: '/api/books/:id',
      pathParams: BookIdParamsSchema,
      headers: ConditionalReadHeadersSchema,
      responses: {
        200: BookSchema.describe('The book; ETag gives its version'),
        304: c.noBody(),
        400: malformedPath,
        404: bookNotFound,
        ...protectedRouteProblems,
      },
      summary: 'Get a book',
      description:
        'One book by id, with a strong ETag that changes with every write. Send it back as If-None-Match to get 304 while the book is unchanged, or as If-Match on a write.',
    },
    create: {
      method: 'POST',
      path: '/api/books',
      headers: IdempotencyHeadersSchema,
      body: CreateBookBodySchema,
      responses: {
        201: BookSchema.describe('The created book; Location gives its URL and ETag its version'),
        ...bookWriteProblems,
        409: problem(
          'Another book already has this ISBN, or a request with this Idempotency-Key is still in progress',
        ),
        422: problem('This Idempotency-Key was used with a different body'),
      },
      summary: 'Create a book',
      description:
        'Adds a book owned by the caller. Responds with Location and ETag headers. With an Idempotency-Key, a retry of the same body returns the original response with Idempotent-Replayed: true instead of creating a second book.',
    },
    replace: {
      method: 'PUT',
      path: '/api/books/:id',
      pathParams: BookIdParamsSchema,
      headers: ConditionalWriteHeadersSchema,
      body: ReplaceBookBodySchema,
      responses: {
        200: BookSchema.describe('The replaced book; ETag gives its new version'),
        403: notOwner,
        404: bookNotFound,
        412: staleVersion,
        ...bookWriteProblems,
      },
      summary: 'Replace a book',
      description:
        'Full replacement: omitted optional fields (isbn, published_year, tags) are cleared. Owner or admin only. With If-Match, only if the book still has that ETag.',
    },
    update: {
      method: 'PATCH',
      path: '/api/books/:id',
      pathParams: BookIdParamsSchema,
      headers: ConditionalWriteHeadersSchema,
      body: UpdateBookBodySchema,
      responses: {
        200: BookSchema.describe('The updated book; ETag gives its new version'),
        403: notOwner,
        404: bookNotFound,
        412: staleVersion,
        ...bookWriteProblems,
      },
      summary: 'Update a book',
      description:
        'Partial update: only the fields sent change; null clears isbn or published_year. Owner or admin only. With If-Match, only if the book still has that ETag.',
    },
    delete: {
      method: 'DELETE',
      path: '/api/books/:id',
      pathParams: BookIdParamsSchema,
      headers: ConditionalWriteHeadersSchema,
      body: c.noBody(),
      responses: {
        204: c.noBody(),
        400: malformedPath,
        403: notOwner,
        404: bookNotFound,
        412: staleVersion,
        ...protectedRouteProblems,
      },
      summary: 'Delete a book',
      description:
        'Removes the book. Owner or admin only. With If-Match, only if the book still has that ETag.',
    },
  },
  { strictStatusCodes: true },
);

/** DTO types, inferred from the schemas above (never redeclared). */
export type Book = z.infer<typeof BookSchema>;
export type BookPage = z.infer<typeof BookPageSchema>;
export type BookSort = z.infer<typeof BookSortSchema>;
/** What a caller sends to create or replace a book. */
export type CreateBookBody = z.input<typeof CreateBookBodySchema>;
/** A create or replace body after validation and normalisation. */
export type CreateBookInput = z.output<typeof CreateBookBodySchema>;
/** What a caller sends to replace a book: the same fields as a create. */
export type ReplaceBookBody = z.input<typeof ReplaceBookBodySchema>;
export type UpdateBookBody = z.input<typeof UpdateBookBodySchema>;
export type UpdateBookInput = z.output<typeof UpdateBookBodySchema>;
export type ListBooksQuery = z.output<typeof ListBooksQuerySchema>;
