import pg from 'pg';
import { TEST_DATABASE_KIND } from './test-server.js';

/** How long `release` waits for the requests to queue up behind the held lock. */
const WAIT_MS = 5000;

/**
 * On PostgreSQL, runs `lock` (statements that take row locks) in a transaction on a connection of
 * its own and holds it. The returned `release` waits until `waiters` requests are blocked on a lock
 * running a statement that matches one of `waitingQueries` (ILIKE patterns), then rolls back and lets them
 * go, so their transactions are known to overlap. It throws when they never queue up within 5 s:
 * the race a test means to provoke did not happen. On SQLite it does nothing: the single writer in
 * this one process orders the requests anyway (a blocked connection would block the test too).
 */
export const holdOnPostgres = async (
  databaseUrl: string,
  lock: { sql: string; params?: unknown[] }[],
  waitingQueries: string[],
  waiters = 2,
): Promise<() => Promise<void>> => {
  if (TEST_DATABASE_KIND !== 'postgres') return () => Promise.resolve();
  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  await holder.query('begin');
  for (const statement of lock) await holder.query(statement.sql, statement.params);
  return async () => {
    const deadline = Date.now() + WAIT_MS;
    try {
      for (;;) {
        // In a transaction, pg_stat_activity is a snapshot taken at its first read: drop it each time.
        await holder.query('select pg_stat_clear_snapshot()');
        const { rows } = await holder.query<{ waiting: string }>(
          `select count(*) as waiting from pg_stat_activity
            where wait_event_type = 'Lock' and pid <> pg_backend_pid()
              and query ilike any($1::text[])`,
          [waitingQueries],
        );
        const waiting = Number(rows[0]?.waiting ?? 0);
        if (waiting >= waiters) break;
        if (Date.now() > deadline) {
          throw new Error(`only ${waiting} of ${waiters} requests queued behind the held lock`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
  };
};
