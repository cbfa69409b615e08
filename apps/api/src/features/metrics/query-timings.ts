import type { LogEvent } from 'kysely';
import { Histogram } from 'prom-client';

/** What a query does, from the root of its Kysely operation tree; `other` for raw SQL and DDL. */
export type QueryOperation = 'select' | 'insert' | 'update' | 'delete' | 'other';
type QueryOutcome = 'ok' | 'error';

const OPERATION_OF_NODE: Readonly<Record<string, QueryOperation>> = {
  SelectQueryNode: 'select',
  InsertQueryNode: 'insert',
  UpdateQueryNode: 'update',
  DeleteQueryNode: 'delete',
};
interface Series {
  observe(seconds: number): void;
}

/** Sub-millisecond to seconds: indexed reads take well under 5 ms, a statement timeout 5 s. */
const QUERY_BUCKETS_SECONDS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

/** How long the database takes per query, fed by Kysely and exported on GET /metrics. */
export interface QueryTimings {
  /**
   * Kysely's `log` option: `new Kysely({ dialect, log: queryTimings.log })` times every statement
   * the database runs, prepared or not, including failed ones.
   */
  readonly log: (event: LogEvent) => void;
  /** Records one query by hand, for statements that bypass Kysely. */
  observeQuery(durationMs: number, operation?: QueryOperation, isError?: boolean): void;
  /** `shelf_db_query_duration_seconds{operation,outcome}`; registered by the app's metrics. */
  readonly histogram: Histogram<'operation' | 'outcome'>;
}

/**
 * Query timings not yet registered anywhere, so the database can be opened with them before the app
 * (and its metrics registry) exists. One observation costs a property lookup and a bucket increment.
 *
 * @example
 * const queryTimings = createQueryTimings();
 * const db = new Kysely<Database>({ dialect, log: queryTimings.log });
 * const app = createApp({ config, db, logger, queryTimings });
 */
export const createQueryTimings = (): QueryTimings => {
  const histogram = new Histogram({
    name: 'shelf_db_query_duration_seconds',
    help: 'Time the database took per query, by operation and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: QUERY_BUCKETS_SECONDS,
    registers: [],
  });
  const seriesOf = (outcome: QueryOutcome): Record<QueryOperation, Series> => ({
    select: histogram.labels('select', outcome),
    insert: histogram.labels('insert', outcome),
    update: histogram.labels('update', outcome),
    delete: histogram.labels('delete', outcome),
    other: histogram.labels('other', outcome),
  });
  // Resolved once: no label hashing per query.
  const series: Record<QueryOutcome, Record<QueryOperation, Series>> = {
    ok: seriesOf('ok'),
    error: seriesOf('error'),
  };

  const observeQuery = (durationMs: number, operation: QueryOperation = 'other', isError = false) =>
    series[isError ? 'error' : 'ok'][operation].observe(durationMs / 1000);

  return {
    histogram,
    observeQuery,
    log: (event) =>
      observeQuery(
        event.queryDurationMillis,
        OPERATION_OF_NODE[event.query.query.kind] ?? 'other',
        event.level === 'error',
      ),
  };
};
