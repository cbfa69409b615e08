/**
 * Group commit for SQLite. A commit costs far more than an insert (the WAL frames of every index
 * page and of the text index's new segment), and SQLite has one writer, so short write
 * transactions that arrive together run as one: each in a savepoint of a shared transaction, which
 * commits once. Every caller is answered after that commit, so an acknowledged write is as durable
 * as before; one that throws is rolled back to its savepoint alone and gets its own error.
 *
 * PostgreSQL runs many transactions at once and commits each in parallel: there, and for any other
 * engine, this is an ordinary transaction.
 */
import { CompiledQuery } from 'kysely';
import type { Db } from './database.js';
import { isSqlite } from './dialect.js';

/** Transactions one commit carries at most, so a commit never holds the event loop for long. */
const MAX_GROUP = 32;

/** A unit of work on a transaction; it must use only `trx`, never the database it came from. */
export type TransactionWork<T> = (trx: Db) => Promise<T>;

interface Waiting {
  work: TransactionWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { isDone: true; value: unknown } | { isDone: false; error: unknown };

interface Group {
  waiting: Waiting[];
  isScheduled: boolean;
}

const groups = new WeakMap<Db, Group>();

const SAVEPOINT = CompiledQuery.raw('savepoint grouped_write');
const RELEASE = CompiledQuery.raw('release grouped_write');
const ROLLBACK_TO = CompiledQuery.raw('rollback to grouped_write');

/** Runs `work` in its savepoint: kept when it succeeds, undone when it throws. */
const runInSavepoint = async (trx: Db, work: TransactionWork<unknown>): Promise<Outcome> => {
  await trx.executeQuery(SAVEPOINT);
  try {
    const value = await work(trx);
    await trx.executeQuery(RELEASE);
    return { isDone: true, value };
  } catch (error) {
    try {
      await trx.executeQuery(ROLLBACK_TO);
      await trx.executeQuery(RELEASE);
    } catch {
      // SQLite rolled the whole transaction back itself (SQLITE_FULL, IOERR, ...): the group
      // fails, with the error that caused it rather than "no such savepoint".
      throw error;
    }
    return { isDone: false, error };
  }
};

const commitGroup = async (db: Db, group: Group): Promise<void> => {
  const batch = group.waiting.splice(0, MAX_GROUP);
  try {
    const outcomes = await db.transaction().execute(async (trx) => {
      const done: Outcome[] = [];
      for (const { work } of batch) done.push(await runInSavepoint(trx, work));
      return done;
    });
    batch.forEach((waiting, index) => {
      const outcome = outcomes[index];
      if (outcome?.isDone === true) waiting.resolve(outcome.value);
      else waiting.reject(outcome?.error);
    });
  } catch (error) {
    // Nothing of the group was committed: every caller gets the error.
    for (const waiting of batch) waiting.reject(error);
  }
};

/** Commits what is waiting, group after group, then stands down until the next write arrives. */
const drain = async (db: Db, group: Group): Promise<void> => {
  while (group.waiting.length > 0) await commitGroup(db, group);
  group.isScheduled = false;
};

/**
 * Runs `work` in a transaction and resolves with its result once that is committed. On SQLite the
 * transaction may be shared with the other writes that arrived in the same turn of the event loop
 * (up to MAX_GROUP), each isolated in a savepoint.
 */
export const inTransaction = <T>(db: Db, work: TransactionWork<T>): Promise<T> => {
  if (!isSqlite(db)) return db.transaction().execute(work);
  let group = groups.get(db);
  if (group === undefined) {
    group = { waiting: [], isScheduled: false };
    groups.set(db, group);
  }
  const joined = group;
  return new Promise<T>((resolve, reject) => {
    joined.waiting.push({
      work,
      resolve: (value) => resolve(value as T),
      reject,
    });
    if (joined.isScheduled) return;
    joined.isScheduled = true;
    // After the requests already read in this turn have had their chance to join.
    setImmediate(() => void drain(db, joined));
  });
};
