import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database, Db } from './database.js';
import { inTransaction } from './grouped-transactions.js';

let folder: string;
let db: Db;
/** Every statement the connection ran, in order (Kysely's log sees BEGIN and COMMIT too). */
let statements: string[];

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'shelf-grouped-'));
  const sqlite = new SQLite(join(folder, 'db.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  statements = [];
  db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      statements.push(event.query.sql.trim().toLowerCase());
    },
  });
  await sql`create table notes (text text primary key)`.execute(db);
  statements = [];
});
afterEach(async () => {
  await db.destroy();
  rmSync(folder, { recursive: true, force: true });
});

const insertNote = (trx: Db, text: string) =>
  sql`insert into notes (text) values (${text})`.execute(trx);

const notes = async () =>
  (await sql<{ text: string }>`select text from notes order by text`.execute(db)).rows.map(
    (row) => row.text,
  );

describe('inTransaction on SQLite', () => {
  it('commits writes that arrive together once, and answers each with its own result', async () => {
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((text) =>
        inTransaction(db, async (trx) => {
          await insertNote(trx, text);
          return text.toUpperCase();
        }),
      ),
    );
    expect(results).toEqual(['A', 'B', 'C', 'D']);
    expect(await notes()).toEqual(['a', 'b', 'c', 'd']);
    expect(statements.filter((statement) => statement === 'begin')).toHaveLength(1);
    expect(statements.filter((statement) => statement === 'commit')).toHaveLength(1);
  });

  it('undoes only the write that threw, which alone gets its error', async () => {
    const outcomes = await Promise.allSettled([
      inTransaction(db, (trx) => insertNote(trx, 'kept 1')),
      inTransaction(db, async (trx) => {
        await insertNote(trx, 'undone');
        throw new Error('changed its mind');
      }),
      // A constraint error inside a group: the duplicate alone fails.
      inTransaction(db, (trx) => insertNote(trx, 'kept 1')),
      inTransaction(db, (trx) => insertNote(trx, 'kept 2')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect(outcomes[1]).toMatchObject({ reason: { message: 'changed its mind' } });
    expect(outcomes[2]).toMatchObject({ reason: { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' } });
    expect(await notes()).toEqual(['kept 1', 'kept 2']);
  });

  it('answers nobody before the commit, and commits large bursts in groups of at most 32', async () => {
    const burst = Array.from({ length: 70 }, (_, n) =>
      inTransaction(db, (trx) => insertNote(trx, `note ${String(n).padStart(2, '0')}`)).then(() => {
        statements.push('answered');
      }),
    );
    await Promise.all(burst);
    expect(await notes()).toHaveLength(70);
    // Statements in order: each group's answers come after its commit, never before.
    const sequence = statements.filter((entry) => ['commit', 'answered'].includes(entry));
    const groups = sequence.join(' ').split('commit').slice(1);
    expect(sequence[0]).toBe('commit');
    expect(groups.map((group) => group.split('answered').length - 1)).toEqual([32, 32, 6]);
  });

  it('fails every write of a group whose commit cannot happen, and keeps none', async () => {
    await sql`pragma foreign_keys = on`.execute(db);
    await sql`create table shelves (name text primary key)`.execute(db);
    // Checked at COMMIT, not per statement: the commit itself fails.
    await sql`create table placed (note text not null, shelf text not null
      references shelves (name) deferrable initially deferred)`.execute(db);
    const outcomes = await Promise.allSettled([
      inTransaction(db, (trx) => insertNote(trx, 'x')),
      inTransaction(db, (trx) =>
        sql`insert into placed values ('x', 'no such shelf')`.execute(trx),
      ),
      inTransaction(db, (trx) => insertNote(trx, 'y')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ reason: { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' } });
    }
    expect(await notes()).toEqual([]);
  });
});
