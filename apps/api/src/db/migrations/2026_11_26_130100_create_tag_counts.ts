import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * `tag_counts`: one row per tag some book carries, with how many books carry it, for GET /api/tags.
 * Every book write keeps it in its own transaction; a tag no book carries has no row. Backfilled
 * here from `book_tags` (tags are normalised by the migration before this one).
 *
 * Served at any size by two indexes on a table of one row per distinct tag (hundreds at a million
 * synthetic books): the primary key on `tag` serves a prefix (`q`) as a range, and
 * (book_count desc, tag) the most-used-first order without a prefix, stopping after `limit` rows.
 * On PostgreSQL `tag` collates as "C" (code point order, like SQLite), so the prefix range is exact.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await sql`create table tag_counts (
    tag text ${sql.raw(isSqlite ? '' : 'collate "C"')} primary key,
    book_count integer not null check (book_count >= 0)
  ) ${sql.raw(isSqlite ? 'without rowid' : '')}`.execute(db);
  await sql`create index tag_counts_book_count_tag_idx on tag_counts (book_count desc, tag)`.execute(
    db,
  );
  await sql`insert into tag_counts (tag, book_count)
    select tag, count(*) from book_tags group by tag`.execute(db);
};
