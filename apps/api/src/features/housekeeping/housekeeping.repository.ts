import { sql, type RawBuilder } from 'kysely';
import type { Config } from '../../config.js';
import type { Database, Db } from '../../db/database.js';

type DatabaseKind = Config['database']['kind'];

/** Rows of one table the purge may delete: those meeting `condition` (expired before `cutoff`). */
interface PurgeTarget {
  table: keyof Database;
  condition: (cutoff: Date) => RawBuilder<boolean>;
}

/**
 * What the purge deletes. A refresh token row must outlive its use by reuse detection: a rotated
 * token presented after the grace window revokes its whole session, and a deleted row would make
 * that a plain "unknown token" 401 instead. So a token row goes only when refresh would refuse it
 * before reuse detection looks at it anyway (auth.service.ts `refresh`):
 * - once expired, rotated or not: refresh refuses an expired token as expired, row or no row;
 * - once revoked: revocation is per session (logout, reuse detection; a password change revokes
 *   every session of the user), so its whole session is revoked, and refresh refuses a revoked
 *   token as revoked.
 * A rotated token of a live session stays until it expires. Idempotency keys go once expired (a
 * claim ignores an expired key), rate-limit counters once their window has passed (the store
 * restarts an expired counter) and never those without an expiry. Emailed account tokens (reset,
 * verification) go once expired: a redemption refuses an expired token, row or no row.
 */
export const PURGE_TARGETS = {
  expiredRefreshTokens: {
    table: 'refresh_tokens',
    condition: (cutoff) => sql<boolean>`expires_at < ${cutoff.toISOString()}`,
  },
  revokedRefreshTokens: {
    table: 'refresh_tokens',
    condition: () => sql<boolean>`revoked_at is not null`,
  },
  expiredIdempotencyKeys: {
    table: 'idempotency_keys',
    condition: (cutoff) => sql<boolean>`expires_at < ${cutoff.toISOString()}`,
  },
  expiredRateLimits: {
    table: 'rate_limits',
    condition: (cutoff) => sql<boolean>`expire < ${cutoff.getTime()}`,
  },
  expiredAccountTokens: {
    table: 'account_tokens',
    condition: (cutoff) => sql<boolean>`expires_at < ${cutoff.toISOString()}`,
  },
} as const satisfies Record<string, PurgeTarget>;

/** The kinds of rows the purge deletes, each counted apart. */
export type PurgeTargetName = keyof typeof PURGE_TARGETS;

/**
 * Deletes at most `limit` rows of `target` that meet its condition, in one statement; returns how
 * many went. Idempotent, so instances running it at once only share the work: on PostgreSQL the
 * rows are picked `for update skip locked` (a row another purge or a request holds is left for the
 * next batch) and deleted by `ctid`; on SQLite, by `rowid` (writes are serialised anyway).
 */
export const deleteBatch = async (
  db: Db,
  databaseKind: DatabaseKind,
  targetName: PurgeTargetName,
  cutoff: Date,
  limit: number,
): Promise<number> => {
  const target: PurgeTarget = PURGE_TARGETS[targetName];
  const table = sql.table(target.table);
  const condition = target.condition(cutoff);
  const statement =
    databaseKind === 'postgres'
      ? sql`delete from ${table} where ctid = any(array(
          select ctid from ${table} where ${condition} limit ${limit} for update skip locked))`
      : sql`delete from ${table} where rowid in (
          select rowid from ${table} where ${condition} limit ${limit})`;
  const result = await statement.execute(db);
  return Number(result.numAffectedRows ?? 0n);
};

/**
 * The key of the purge's PostgreSQL advisory lock. Advisory locks are per database, so the schema
 * is part of it: deployments (or test suites) sharing a database in separate schemas never wait
 * for each other, and every instance of one deployment takes the same lock.
 */
const PURGE_LOCK_KEY = sql`hashtext(${'shelf.purge:'} || coalesce(current_schema(), ''))`;

/**
 * Runs `work` on one pooled connection while holding the purge's session advisory lock, so one
 * instance purges at a time; resolves `undefined` without running it when another instance holds
 * the lock. The lock goes with the connection if the connection dies.
 */
export const withPurgeLock = async <T>(
  db: Db,
  work: (connection: Db) => Promise<T>,
): Promise<T | undefined> =>
  db.connection().execute(async (connection) => {
    const { rows } = await sql<{
      is_locked: boolean;
    }>`select pg_try_advisory_lock(${PURGE_LOCK_KEY}) as is_locked`.execute(connection);
    if (rows[0]?.is_locked !== true) return undefined;
    try {
      return await work(connection);
    } finally {
      await sql`select pg_advisory_unlock(${PURGE_LOCK_KEY})`.execute(connection);
    }
  });
