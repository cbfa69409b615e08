import type { CompiledQuery } from 'kysely';
import type { Db } from './database.js';

/**
 * Where a repository runs a compiled read query. Three exist: the ordinary connection (PostgreSQL,
 * an in-memory SQLite database), a read-only SQLite connection on the main thread for the hot
 * indexed reads (direct-reads.ts), and one in a worker thread for slow searches (offloaded-reads.ts).
 */
export interface ReadRunner {
  all<Row>(query: CompiledQuery<Row>): Promise<Row[]>;
  close(): Promise<void>;
}

/** Reads on the main connection through Kysely: already asynchronous on PostgreSQL. */
export const inlineReads = (db: Db): ReadRunner => ({
  async all<Row>(query: CompiledQuery<Row>) {
    return [...(await db.executeQuery(query)).rows];
  },
  close: () => Promise.resolve(),
});

/** Reports how long each read took (for metrics), and whether it failed. */
export type ObserveRead = (durationMs: number, isError: boolean) => void;

/** `runner`, reporting each read's duration to `observe`. */
export const observedReads = (runner: ReadRunner, observe: ObserveRead): ReadRunner => ({
  async all<Row>(query: CompiledQuery<Row>) {
    const started = performance.now();
    try {
      const rows = await runner.all(query);
      observe(performance.now() - started, false);
      return rows;
    } catch (error) {
      observe(performance.now() - started, true);
      throw error;
    }
  },
  close: () => runner.close(),
});
