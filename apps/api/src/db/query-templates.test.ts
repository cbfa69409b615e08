import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { queryTemplates } from './query-templates.js';

const db = new Kysely<Database>({
  dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
});

interface Values extends Record<string, unknown> {
  tag: string | undefined;
  rows: number;
}

const build = (values: Values) => {
  const query = db.selectFrom('book_tags').select('book_id').limit(values.rows);
  return values.tag === undefined ? query : query.where('tag', '=', values.tag);
};

describe('queryTemplates', () => {
  it('compiles each shape once and fills in each call’s values', () => {
    const compile = queryTemplates<Values>();
    let builds = 0;
    const counted = (values: Values) => {
      builds++;
      return build(values);
    };
    const first = compile(db, 'tags', { tag: 'sf', rows: 21 }, counted);
    const second = compile(db, 'tags', { tag: 'poetry', rows: 11 }, counted);
    const untagged = compile(db, 'tags', { tag: undefined, rows: 5 }, counted);
    expect(builds).toBe(2);
    expect(second.sql).toBe(first.sql);
    expect(first.parameters).toEqual(['sf', 21]);
    expect(second.parameters).toEqual(['poetry', 11]);
    expect(untagged.sql).not.toContain('"tag" =');
    expect(untagged.parameters).toEqual([5]);
    expect(second.sql).toBe(build({ tag: 'poetry', rows: 11 }).compile().sql);
  });

  it('refuses a query with a parameter that is not one of the values', () => {
    const compile = queryTemplates<Values>();
    expect(() =>
      compile(db, 'baked', { tag: 'sf', rows: 1 }, (values) =>
        db.selectFrom('book_tags').select('book_id').where('tag', '=', 'fixed').limit(values.rows),
      ),
    ).toThrow('a parameter does not come from the values');
  });

  it('keeps a template per dialect, so one process can serve SQLite and PostgreSQL', async () => {
    // Compiling never connects: the pool is only there to satisfy the dialect.
    const pool = new pg.Pool();
    const postgres = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const compile = queryTemplates<Values>();
    const onSqlite = compile(db, 'tags', { tag: 'sf', rows: 21 }, build);
    const onPostgres = compile(postgres, 'tags', { tag: 'sf', rows: 21 }, (values) => {
      const query = postgres.selectFrom('book_tags').select('book_id').limit(values.rows);
      return values.tag === undefined ? query : query.where('tag', '=', values.tag);
    });
    expect(onSqlite.sql).toContain('?');
    expect(onPostgres.sql).toContain('$1');
    expect(onPostgres.parameters).toEqual(['sf', 21]);
    await postgres.destroy();
  });
});
