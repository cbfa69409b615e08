import { SqliteAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL: a ten times larger statistics sample for the search keys. The planner estimates how
 * many books `title_key LIKE '%term%'` matches from the column's histogram, which by default holds
 * 101 values of a 30,000-row sample; a surname shared by 2.5% of a million books can be absent from
 * it by chance, and then the planner takes the term for a rare one, fetches all 25,000 matches
 * through the trigram index and sorts them (76 ms) instead of walking the sort index until a page of
 * matches is found (2 ms). With 1,001 values from 300,000 rows such a term is in the histogram
 * about 25 times. The columns are analyzed again here; ANALYZE of a million books takes a few
 * seconds. SQLite has no such estimate: its searches ask the text index first (text-index-probe.ts).
 */

const STATISTICS_TARGET = 1000;

export const up = async (db: Kysely<unknown>): Promise<void> => {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`alter table books
    alter column title_key set statistics ${sql.lit(STATISTICS_TARGET)},
    alter column author_key set statistics ${sql.lit(STATISTICS_TARGET)}`.execute(db);
  await sql`analyze books (title_key, author_key)`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`alter table books
    alter column title_key set statistics -1,
    alter column author_key set statistics -1`.execute(db);
};
