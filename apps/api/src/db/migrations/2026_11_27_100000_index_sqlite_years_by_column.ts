import { SqliteAdapter, sql, type Kysely } from 'kysely';

/**
 * SQLite: the year sorts walk an index on a column, `books.year_key`, instead of one on the
 * expression `coalesce(published_year, -1000000)`. SQLite seeks a keyset position
 * `(key, id) > (?, ?)` in an index only when the key is a column: on the expression index it
 * started every year-sorted page at the first book and stepped over everything before the cursor,
 * so a page half a million books deep took 40 ms, and a cursor past the last year (any client can
 * write one) walked all of them, 65-75 ms at a million books, on the event loop. With the column it
 * is a seek, under a millisecond at any depth.
 *
 * `year_key` is a virtual generated column: computed from `published_year` when read, stored only in
 * its two indexes, added without rewriting the table. The indexes keep their names; building them
 * takes about 3 s per million books. Where the planner has statistics (`ANALYZE` has run, as
 * `pnpm bench:seed` does), the new indexes get theirs too (0.3 s per million books): an index without
 * them looks selective to the planner, which then read a whole owner's books through the owner
 * index and sorted them (1.8 s) for a plain first page. PostgreSQL seeks row values on expression
 * indexes already.
 *
 * Frozen in time: the missing-year key below is a copy, not an import.
 */

const MISSING_YEAR_SORT_KEY = -1_000_000;

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

/** Gives the year indexes statistics when the other indexes have them, and not otherwise. */
const analyzeYearIndexesLikeTheRest = async (db: Kysely<unknown>) => {
  const { rows } = await sql<{ analyzed: number }>`
    select count(*) as analyzed from sqlite_master where name = 'sqlite_stat1'`.execute(db);
  if (rows[0]?.analyzed !== 1) return;
  await sql`analyze books_year_key_id_idx`.execute(db);
  await sql`analyze books_owner_year_key_id_idx`.execute(db);
};

/**
 * In one transaction (Kysely's migrator runs SQLite migrations outside one): a migration cut short
 * leaves the schema as it was, not a column without its indexes.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  if (!isSqlite(db)) return;
  await db.transaction().execute(async (trx) => {
    const statements = [
      sql`alter table books add column year_key integer
      generated always as (coalesce(published_year, ${sql.lit(MISSING_YEAR_SORT_KEY)})) virtual`,
      sql`drop index books_year_key_id_idx`,
      sql`drop index books_owner_year_key_id_idx`,
      sql`create index books_year_key_id_idx on books (year_key, id)`,
      sql`create index books_owner_year_key_id_idx on books (owner_id, year_key, id)`,
    ];
    for (const statement of statements) await statement.execute(trx);
    await analyzeYearIndexesLikeTheRest(trx);
  });
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  if (!isSqlite(db)) return;
  await db.transaction().execute(async (trx) => {
    const statements = [
      sql`drop index books_year_key_id_idx`,
      sql`drop index books_owner_year_key_id_idx`,
      sql`alter table books drop column year_key`,
      sql`create index books_year_key_id_idx on books
      ((coalesce(published_year, ${sql.lit(MISSING_YEAR_SORT_KEY)})), id)`,
      sql`create index books_owner_year_key_id_idx on books
      (owner_id, (coalesce(published_year, ${sql.lit(MISSING_YEAR_SORT_KEY)})), id)`,
    ];
    for (const statement of statements) await statement.execute(trx);
    await analyzeYearIndexesLikeTheRest(trx);
  });
};
