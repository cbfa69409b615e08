import type { Kysely, Selectable } from 'kysely';

/** Dates are ISO-8601 UTC strings in every dialect, so they sort and compare as text. */
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
  id: string;
  title: string;
  author: string;
  isbn: string | null;
  published_year: number | null;
  owner_id: string;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
}

export interface BookTagsTable {
  book_id: string;
  tag: string;
  position: number;
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
