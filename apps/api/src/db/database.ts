import type { Generated, Kysely, Selectable } from 'kysely';

/**
 * Instants travel as ISO-8601 UTC strings: SQLite stores that text (which sorts chronologically),
 * PostgreSQL stores `timestamptz` and the pool parses it back to the same string.
 */
type IsoDateTime = string;

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: 'admin' | 'user';
  created_at: IsoDateTime;
}

export interface RefreshTokensTable {
  id: string;
  family_id: string;
  user_id: string;
  token_hash: string;
  expires_at: IsoDateTime;
  created_at: IsoDateTime;
  rotated_at: IsoDateTime | null;
  revoked_at: IsoDateTime | null;
}

export interface BooksTable {
  /** SQLite's rowid alias, the full-text index's key; absent on PostgreSQL, never selected. */
  seq: Generated<number>;
  /** A UUID (`uuid` on PostgreSQL). */
  id: string;
  title: string;
  author: string;
  isbn: string | null;
  published_year: number | null;
  owner_id: string;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
  /** The tags in the order the owner gave them, as a JSON array, so a page is one query. */
  tags: string;
  /** searchKey(title): the title sort key and what `q` searches. */
  title_key: string;
  /** searchKey(author): what `q` and `author` search. */
  author_key: string;
}

/**
 * One row per (book, tag): the tag filter's index. It repeats its book's sort keys so that a tag
 * filter with any sort walks one index; written with the book, in the same transaction.
 */
export interface BookTagsTable {
  book_id: string;
  tag: string;
  created_at: IsoDateTime;
  title_key: string;
  /** The book's published_year, or the missing-year sort key. */
  year_key: number;
}

export interface Database {
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  books: BooksTable;
  book_tags: BookTagsTable;
}

export type UserRow = Selectable<UsersTable>;
export type RefreshTokenRow = Selectable<RefreshTokensTable>;
export type BookRow = Selectable<BooksTable>;

/** The query builder every repository receives. */
export type Db = Kysely<Database>;
