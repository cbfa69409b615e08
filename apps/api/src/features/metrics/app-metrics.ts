import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type pg from 'pg';
import type { ResponseObserver } from '../../http/middleware/access-log.js';
import { registerPoolGauges } from './pool-gauges.js';
import type { QueryTimings } from './query-timings.js';
import { routeLabelOf } from './route-label.js';

/** From a cached page (~1 ms) to a request the rate limiter or a slow search held for seconds. */
const REQUEST_BUCKETS_SECONDS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** One app's metrics: what GET /metrics exports, and the hook that times each response. */
export interface AppMetrics {
  /** This app's own registry (never prom-client's global one), so apps in one process don't mix. */
  readonly registry: Registry;
  /** accessLog()'s observer: adds each response to the request duration histogram. */
  readonly observeResponse: ResponseObserver;
}

export interface AppMetricsDeps {
  queryTimings: QueryTimings;
  postgresPool?: pg.Pool | undefined;
}

/**
 * Creates the registry with:
 * - `http_request_duration_seconds{route,method,status_code}`, route being the contract path;
 * - prom-client's process and Node.js metrics: memory (`process_resident_memory_bytes`,
 *   `nodejs_heap_size_used_bytes`, ...), event-loop delay from `monitorEventLoopDelay`
 *   (`nodejs_eventloop_lag_p99_seconds`, ...), GC, handles, CPU;
 * - `shelf_db_query_duration_seconds` from `queryTimings`;
 * - on PostgreSQL, the pool's connections and waiting clients.
 */
export const createAppMetrics = ({ queryTimings, postgresPool }: AppMetricsDeps): AppMetrics => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registry.registerMetric(queryTimings.histogram);
  if (postgresPool !== undefined) registerPoolGauges(registry, postgresPool);

  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to the end of its response, by contract route, method and status.',
    labelNames: ['route', 'method', 'status_code'] as const,
    buckets: REQUEST_BUCKETS_SECONDS,
    registers: [registry],
  });
  // Label sets are few (routes x methods x statuses): cache each series rather than hash its labels
  // on every response.
  const series = new Map<string, { observe(seconds: number): void }>();

  return {
    registry,
    observeResponse(req, res, durationMs) {
      const route = routeLabelOf(req);
      const key = `${route} ${req.method} ${res.statusCode}`;
      let labelled = series.get(key);
      if (labelled === undefined) {
        labelled = requestDuration.labels(route, req.method, String(res.statusCode));
        series.set(key, labelled);
      }
      labelled.observe(durationMs / 1000);
    },
  };
};
