import type { Book } from '@shelf/contracts';
import { searchKey } from './search-key.js';

/** Sorts books without a year as the oldest, identically in SQLite and PostgreSQL. */
export const MISSING_YEAR_SORT_KEY = -1_000_000;

/** The sort key `book_tags.year_key` holds for a book's year. */
export const yearKey = (year: number | null) => year ?? MISSING_YEAR_SORT_KEY;

/**
 * The columns a book is read from (tags as their JSON text), `users` joined on its primary key for
 * the owner's username, so a page or a book is still one query.
 */
export const BOOK_COLUMNS = [
  'books.id',
  'books.title',
  'books.author',
  'books.isbn',
  'books.published_year',
  'books.owner_id',
  'users.username as owner_username',
  'books.created_at',
  'books.updated_at',
  'books.tags',
] as const;

/** A book as written: every field but the owner's username, which is read from `users`. */
export type BookToInsert = Omit<Book, 'owner_username'>;

/** A book as read from BOOK_COLUMNS. */
export interface BookColumns {
  id: string;
  title: string;
  author: string;
  isbn: string | null;
  published_year: number | null;
  owner_id: string;
  owner_username: string;
  created_at: string;
  updated_at: string;
  tags: string;
}

export const toBook = (row: BookColumns): Book => ({
  id: row.id,
  title: row.title,
  author: row.author,
  isbn: row.isbn,
  published_year: row.published_year,
  tags: JSON.parse(row.tags) as string[],
  owner_id: row.owner_id,
  owner_username: row.owner_username,
  created_at: row.created_at,
  updated_at: row.updated_at,
});

/** The `books` row of a new book, with its search keys. */
export const toBookRow = (book: BookToInsert) => ({
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

/** The `book_tags` rows of a book: one per tag, carrying the book's sort keys. */
export const toTagRows = (book: BookToInsert) =>
  book.tags.map((tag) => ({
    book_id: book.id,
    tag,
    created_at: book.created_at,
    title_key: searchKey(book.title),
    year_key: yearKey(book.published_year),
  }));
