import { sql, type Kysely } from 'kysely';

/**
 * `owner=me`: one index per sort on (owner_id, sort key, id), mirroring the sort indexes of
 * 2026_11_26_090000_index_books_for_scale, so the caller's books in any sort are one index walk
 * from the cursor on. (owner_id, created_at, id) also serves what `books_owner_id_idx` served (an
 * account's books when it is deleted, the users foreign key), so that index goes.
 *
 * Frozen in time: the missing-year key below is a copy, not an import.
 */

const MISSING_YEAR_SORT_KEY = -1_000_000;

export const up = async (db: Kysely<unknown>): Promise<void> => {
  const statements = [
    sql`create index books_owner_created_at_id_idx on books (owner_id, created_at, id)`,
    sql`create index books_owner_title_key_id_idx on books (owner_id, title_key, id)`,
    sql`create index books_owner_year_key_id_idx on books
      (owner_id, (coalesce(published_year, ${sql.lit(MISSING_YEAR_SORT_KEY)})), id)`,
    sql`drop index books_owner_id_idx`,
  ];
  for (const statement of statements) await statement.execute(db);
};
