import type { Generated, Kysely, Selectable } from 'kysely';
import type { Role } from '@shelf/contracts';

/**
 * Instants travel as ISO-8601 UTC strings: SQLite stores that text (which sorts chronologically),
 * PostgreSQL stores `timestamptz` and the pool parses it back to the same string.
 */
type IsoDateTime = string;

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  created_at: IsoDateTime;
  /**
   * Raised by a password change, and when an admin disables, demotes or deletes the user; access
   * tokens carrying an older value are refused.
   */
  token_version: Generated<number>;
  /** Normalised (trimmed, lower-cased), unique; null when the user has none. */
  email: string | null;
  /** When an admin disabled the account; null while it is active. */
  disabled_at: IsoDateTime | null;
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
  /** Starts at 1 and rises with every write: the book's ETag. */
  version: Generated<number>;
  /**
   * SQLite only: `coalesce(published_year, -1000000)`, a virtual generated column that the year
   * indexes are on (so SQLite seeks a cursor in them); absent on PostgreSQL, never written.
   */
  year_key: Generated<number>;
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

/**
 * How many books carry each tag (only tags some book carries): kept by every write in its own
 * transaction, so GET /api/tags reads counts instead of counting.
 */
export interface TagCountsTable {
  tag: string;
  book_count: number;
}

/** A create's Idempotency-Key, scoped to its user, with the response a retry gets again. */
export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  /** SHA-256 of the request body's canonical JSON: a retry must send the same body. */
  request_hash: string;
  status: number;
  /** The response body as JSON text. */
  response_body: string;
  /** The response headers a replay repeats (Location, ETag), as a JSON object. */
  response_headers: string;
  created_at: IsoDateTime;
  expires_at: IsoDateTime;
}

/** What an emailed account token is for. */
export type AccountTokenPurpose = 'password-reset' | 'email-change';

/** Single-use emailed tokens (password reset, email verification), by the hash of the token. */
export interface AccountTokensTable {
  /** SHA-256 of the token, base64url: the token itself is never stored. */
  token_hash: string;
  purpose: AccountTokenPurpose;
  user_id: string;
  /** The address an email-change token attaches; null for a password reset. */
  email: string | null;
  /** The user's token version at issue: a password change since voids the token. */
  token_version: number;
  expires_at: IsoDateTime;
  created_at: IsoDateTime;
}

/** Values generated once and shared by every instance, by name. */
export interface SettingsTable {
  name: string;
  value: string;
}

/** rate-limiter-flexible's PostgreSQL counters (unused on SQLite); `expire` is epoch milliseconds. */
export interface RateLimitsTable {
  key: string;
  points: number;
  expire: string | null;
}

export interface Database {
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  books: BooksTable;
  book_tags: BookTagsTable;
  tag_counts: TagCountsTable;
  idempotency_keys: IdempotencyKeysTable;
  settings: SettingsTable;
  rate_limits: RateLimitsTable;
  account_tokens: AccountTokensTable;
}

export type UserRow = Selectable<UsersTable>;
export type RefreshTokenRow = Selectable<RefreshTokensTable>;
export type BookRow = Selectable<BooksTable>;

/** The query builder every repository receives. */
export type Db = Kysely<Database>;
