import { sql } from 'kysely';
import type { TagCount } from '@shelf/contracts';
import type { Db } from '../../db/database.js';
import type { ReadRunner } from '../../db/read-runner.js';
import { likeEscaped, prefixPattern } from '../../db/like-pattern.js';
import { queryTemplates } from '../../db/query-templates.js';

/**
 * How many books carry each tag, kept in `tag_counts` by every write in the write's own transaction:
 * a delta per tag, applied in tag order (so concurrent writers on PostgreSQL lock rows in one order
 * and never deadlock); a tag whose count reaches 0 loses its row.
 */

/** The highest code point: every string starting with a prefix sorts below prefix + this. */
const MAX_CODE_POINT = String.fromCodePoint(0x10ffff);

/** Per-tag deltas from tags added (+1 each) and removed (-1 each). */
export const tagDeltas = (added: Iterable<string>, removed: Iterable<string> = []) => {
  const deltas = new Map<string, number>();
  for (const tag of added) deltas.set(tag, (deltas.get(tag) ?? 0) + 1);
  for (const tag of removed) deltas.set(tag, (deltas.get(tag) ?? 0) - 1);
  return deltas;
};

interface CountChange extends Record<string, unknown> {
  tag: string;
  /** How much the count goes up or down. */
  delta: number;
}

/** Each statement below is compiled once per engine (db/query-templates.ts), not on every write. */
const compileCountChange = queryTemplates<CountChange>();

const addToCount = (db: Db) => (values: CountChange) =>
  db
    .insertInto('tag_counts')
    .values({ tag: values.tag, book_count: values.delta })
    .onConflict((conflict) =>
      conflict.column('tag').doUpdateSet({
        book_count: sql<number>`${sql.ref('tag_counts.book_count')} + ${values.delta}`,
      }),
    );

const subtractFromCount = (db: Db) => (values: CountChange) =>
  db
    .updateTable('tag_counts')
    .set({ book_count: sql<number>`${sql.ref('book_count')} - ${values.delta}` })
    .where('tag', '=', values.tag);

const dropEmpty = (db: Db) => (values: CountChange) =>
  db.deleteFrom('tag_counts').where('tag', '=', values.tag).where('book_count', '<=', sql.lit(0));

/**
 * Applies per-tag count changes through `db`, which must be the transaction of the write that
 * caused them. Additions are upserts; subtractions update, then drop the rows that reached 0.
 */
export const applyTagDeltas = async (
  db: Db,
  deltas: ReadonlyMap<string, number>,
): Promise<void> => {
  const changes = [...deltas]
    .filter(([, delta]) => delta !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [tag, delta] of changes) {
    const values = { tag, delta: Math.abs(delta) };
    if (delta > 0) {
      await db.executeQuery(compileCountChange(db, 'add to tag count', values, addToCount(db)));
    } else {
      await db.executeQuery(
        compileCountChange(db, 'subtract from tag count', values, subtractFromCount(db)),
      );
      await db.executeQuery(compileCountChange(db, 'drop empty tag count', values, dropEmpty(db)));
    }
  }
};

interface TagValues extends Record<string, unknown> {
  limit: number;
  from: string | undefined;
  below: string | undefined;
  pattern: string | undefined;
}

const compileTags = queryTemplates<TagValues>();

/**
 * The most used tags, then by name, optionally only those starting with `prefix`. Fast at any size:
 * without a prefix the (book_count desc, tag) index is walked and stops after `limit` rows; with one,
 * the primary key gives the range [prefix, prefix + U+10FFFF) and only the tags in it are sorted.
 * The range is exact up to a tag whose next character is U+10FFFF itself, which the LIKE (with its
 * wildcards escaped) re-checks either way.
 */
export const listTagCounts = async (
  db: Db,
  reads: ReadRunner,
  query: { prefix: string | undefined; limit: number },
): Promise<TagCount[]> => {
  const prefix = query.prefix === '' ? undefined : query.prefix;
  const compiled = compileTags(
    db,
    'tags',
    {
      limit: query.limit,
      from: prefix,
      below: prefix === undefined ? undefined : `${prefix}${MAX_CODE_POINT}`,
      pattern: prefix === undefined ? undefined : prefixPattern(prefix),
    },
    (values) => {
      let select = db
        .selectFrom('tag_counts')
        .select(['tag as name', 'book_count as count'])
        .orderBy('book_count', 'desc')
        .orderBy('tag', 'asc')
        .limit(values.limit);
      if (values.from !== undefined && values.below !== undefined && values.pattern !== undefined) {
        select = select
          .where('tag', '>=', values.from)
          .where('tag', '<', values.below)
          .where(likeEscaped('tag', values.pattern));
      }
      return select;
    },
  );
  const rows: { name: string; count: number | string }[] = await reads.all(compiled);
  return rows.map((row) => ({ name: row.name, count: Number(row.count) }));
};
