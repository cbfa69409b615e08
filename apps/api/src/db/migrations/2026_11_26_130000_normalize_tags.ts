import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * Tags become normalised: trimmed and lower-cased (JavaScript's Unicode `toLowerCase`), duplicates
 * after normalising dropped, each kept at its first position. Existing books are rewritten here,
 * `books.tags` and their `book_tags` rows alike; the API normalises every write from now on.
 *
 * SQL's `lower()` folds only ASCII on SQLite (and follows the collation on PostgreSQL), so the new
 * tags are computed here in JavaScript, only for books whose tags hold an upper-case ASCII letter or
 * a character outside printable ASCII: no other tag can change (tags were always stored trimmed).
 * Frozen in time: the rule below is a copy, not an import.
 */

const MISSING_YEAR_SORT_KEY = -1_000_000;
/** Books read per statement. */
const BATCH = 1000;

const normalizeTags = (tags: readonly string[]): string[] => [
  ...new Set(tags.map((tag) => tag.trim().toLowerCase())),
];

interface Candidate {
  id: string;
  tags: string;
  created_at: string;
  title_key: string;
  published_year: number | null;
}

export const up = async (db: Kysely<unknown>): Promise<void> => {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const mayChange = isSqlite
    ? sql.raw(`(tags glob '*[A-Z]*' or tags glob '*[^ -~]*')`)
    : sql.raw(`(tags ~ '[A-Z]' or tags ~ '[^ -~]')`);
  // Below every id, as text (SQLite) and as a uuid (PostgreSQL).
  let afterId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await sql<Candidate>`
      select id, tags, created_at, title_key, published_year from books
      where ${mayChange} and id > ${afterId}
      order by id limit ${BATCH}`.execute(db);
    for (const book of rows) {
      const tags = JSON.parse(book.tags) as string[];
      const normalized = normalizeTags(tags);
      if (JSON.stringify(normalized) === JSON.stringify(tags)) continue;
      await sql`update books set tags = ${JSON.stringify(normalized)} where id = ${book.id}`.execute(
        db,
      );
      await sql`delete from book_tags where book_id = ${book.id}`.execute(db);
      if (normalized.length === 0) continue;
      const yearKey = book.published_year ?? MISSING_YEAR_SORT_KEY;
      const values = normalized.map(
        (tag) => sql`(${book.id}, ${tag}, ${book.created_at}, ${book.title_key}, ${yearKey})`,
      );
      await sql`insert into book_tags (book_id, tag, created_at, title_key, year_key)
        values ${sql.join(values)}`.execute(db);
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < BATCH) return;
    afterId = last.id;
  }
};
