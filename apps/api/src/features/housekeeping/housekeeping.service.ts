import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import {
  deleteBatch,
  PURGE_TARGETS,
  withPurgeLock,
  type PurgeTargetName,
} from './housekeeping.repository.js';

type DatabaseKind = Config['database']['kind'];

export interface HousekeepingDeps {
  db: Db;
  databaseKind: DatabaseKind;
}

export interface PurgeOptions {
  /** The purge's clock: rows must have expired `EXPIRY_MARGIN_MS` before it. */
  now?: Date;
  /** Rows one statement deletes at most. */
  batchSize?: number;
  /** Statements one run spends on each kind of row at most; the next run continues. */
  maxBatches?: number;
  /** Aborting stops the run between two batches (the server is closing). */
  signal?: AbortSignal;
}

/** Rows deleted, by kind. */
export type PurgeCounts = Record<PurgeTargetName, number>;

/** What one purge did. */
export interface PurgeResult {
  /** Another instance was purging (PostgreSQL), so this one did nothing. */
  isSkipped: boolean;
  deleted: PurgeCounts;
  /** Some kind of row was left with more to delete: its batches ran out, or the run was aborted. */
  hasMore: boolean;
}

export const DEFAULT_BATCH_SIZE = 500;
export const DEFAULT_MAX_BATCHES = 20;

/**
 * How long after its expiry a row stays: an instance whose clock runs up to this far behind still
 * finds every row it considers live (say, a rotated refresh token whose reuse it must detect).
 */
export const EXPIRY_MARGIN_MS = 5 * 60_000;

const TARGET_NAMES = Object.keys(PURGE_TARGETS) as PurgeTargetName[];

const noneDeleted = (): PurgeCounts =>
  Object.fromEntries(TARGET_NAMES.map((name) => [name, 0])) as PurgeCounts;

interface PurgeRun {
  databaseKind: DatabaseKind;
  cutoff: Date;
  batchSize: number;
  maxBatches: number;
  signal: AbortSignal | undefined;
}

const runPurge = async (db: Db, run: PurgeRun): Promise<PurgeResult> => {
  const deleted = noneDeleted();
  let hasMore = false;
  for (const name of TARGET_NAMES) {
    for (let batch = 1; ; batch += 1) {
      if (run.signal?.aborted === true) return { isSkipped: false, deleted, hasMore: true };
      const count = await deleteBatch(db, run.databaseKind, name, run.cutoff, run.batchSize);
      deleted[name] += count;
      if (count < run.batchSize) break;
      if (batch === run.maxBatches) {
        hasMore = true;
        break;
      }
      // Requests run between batches: no run holds the event loop or the SQLite writer for long.
      await nextTurn();
    }
  }
  return { isSkipped: false, deleted, hasMore };
};

/**
 * Deletes what nothing needs any more, `EXPIRY_MARGIN_MS` after it expired: expired and revoked
 * refresh tokens (a rotated token of a live session stays until it expires, for reuse detection),
 * expired idempotency keys and expired rate-limit counters; housekeeping.repository.ts says why each
 * is safe to delete. Bounded: at most `batchSize` rows per statement and `maxBatches` statements per
 * kind of row, yielding to requests between statements. Safe with several instances: the deletes are
 * idempotent and skip rows others hold, and on PostgreSQL an advisory lock lets one instance purge at
 * a time (the others return at once with `isSkipped`).
 */
export const purgeExpiredRows = async (
  { db, databaseKind }: HousekeepingDeps,
  {
    now = new Date(),
    batchSize = DEFAULT_BATCH_SIZE,
    maxBatches = DEFAULT_MAX_BATCHES,
    signal,
  }: PurgeOptions = {},
): Promise<PurgeResult> => {
  const run: PurgeRun = {
    databaseKind,
    cutoff: new Date(now.getTime() - EXPIRY_MARGIN_MS),
    batchSize,
    maxBatches,
    signal,
  };
  if (databaseKind === 'sqlite') return runPurge(db, run);
  const result = await withPurgeLock(db, (connection) => runPurge(connection, run));
  return result ?? { isSkipped: true, deleted: noneDeleted(), hasMore: false };
};
