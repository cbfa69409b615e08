import express, { type Express } from 'express';
import type pg from 'pg';
import { createOpenApiDocument } from '@shelf/contracts/openapi';
import { createBackgroundTasks, type BackgroundTasks } from './background-tasks.js';
import { systemClock, type Clock } from './clock.js';
import { readContractsVersion } from './contracts-version.js';
import { isClusterWorker } from './cluster/is-cluster-worker.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { ReadRunner } from './db/read-runner.js';
import { handleError } from './errors/handle-error.js';
import { createAccessTokens } from './features/auth/access-tokens.js';
import { verifyCredentials } from './features/auth/auth.service.js';
import { createCredentialGuard } from './features/auth/credential-guard.js';
import { createCredentialRateLimit } from './features/auth/credential-rate-limit.js';
import { createTokenVersions } from './features/auth/token-versions.js';
import { createDocsRouter } from './features/docs/docs.routes.js';
import { createAppMetrics } from './features/metrics/app-metrics.js';
import { shareMetricsWithPrimary } from './features/metrics/cluster-metrics.js';
import { createMetricsRouter } from './features/metrics/metrics.routes.js';
import { createQueryTimings, type QueryTimings } from './features/metrics/query-timings.js';
import { createApiRateLimit } from './features/rate-limit/api-rate-limit.js';
import { accessLog } from './http/middleware/access-log.js';
import { apiRateLimit } from './http/middleware/api-rate-limit.js';
import { cors } from './http/middleware/cors.js';
import { routeNotFound } from './http/middleware/not-found.js';
import { securityHeaders } from './http/middleware/security-headers.js';
import { provideRequestLog } from './http/request-log.js';
import { mountContractRoutes } from './http/router.js';
import { weakETag } from './http/weak-etag.js';
import type { Logger } from './logger.js';
import { createMailer, type Mailer } from './mail/mailer.js';

export interface AppDeps {
  config: Config;
  db: Db;
  /** Where indexed reads run: on SQLite, a read-only connection, synchronously. */
  reads: ReadRunner;
  /** Where slow reads (substring searches) run: off the event loop on SQLite. */
  offloadedReads: ReadRunner;
  logger: Logger;
  /** On PostgreSQL, the pool the rate-limit counters share with every other instance. */
  postgresPool?: pg.Pool | undefined;
  /**
   * The timings `db` reports each query to (its Kysely `log`); exported on GET /metrics. Without
   * them the query histogram is exported empty.
   */
  queryTimings?: QueryTimings | undefined;
  /** The time tokens expire by (clock.ts); the system clock unless a test moves its own. */
  clock?: Clock | undefined;
  /** Where account emails go; by default the one the config describes (mail/mailer.ts). */
  mailer?: Mailer | undefined;
  /** Work started by requests and not awaited by them; closing the server waits for it. */
  background?: BackgroundTasks | undefined;
}

/** The contract's version, as the committed openapi.json carries it: the served document is that file. */
const API_VERSION = readContractsVersion();

/**
 * GET /metrics when METRICS_ENABLED, else nothing. In a cluster worker it answers for the whole
 * cluster, gathered by the primary (serveClusterMetrics in features/metrics/cluster-metrics.ts).
 */
const createMetrics = ({ config, postgresPool, queryTimings }: AppDeps) => {
  if (!config.metrics.isEnabled) return undefined;
  const metrics = createAppMetrics({
    queryTimings: queryTimings ?? createQueryTimings(),
    postgresPool,
  });
  const router = createMetricsRouter({
    collect: isClusterWorker(config)
      ? shareMetricsWithPrimary(metrics.registry)
      : () => metrics.registry.metrics(),
    contentType: metrics.registry.contentType,
    token: config.metrics.token,
  });
  return { observeResponse: metrics.observeResponse, router };
};

/**
 * The Express application, not listening: main.ts listens, tests use it on an ephemeral port. All
 * state lives in the database (on SQLite, the rate-limit counters stay in this process's memory; each
 * process also remembers credentials it verified in the last minute, see credential-guard.ts).
 * What runs per request is decided here and at route mount, once: an access line, fixed security
 * headers, CORS for requests that carry an Origin, then only the middleware each route needs. Every
 * request but a CORS preflight is counted by the API rate limit (http/middleware/api-rate-limit.ts).
 */
export const createApp = (deps: AppDeps): Express => {
  const {
    config,
    db,
    reads,
    offloadedReads,
    logger,
    postgresPool,
    clock = systemClock,
    mailer = createMailer(config, logger),
    background = createBackgroundTasks(logger),
  } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxyHops);
  // Flat `key=value` pairs are all the contract's queries take (repeated keys become arrays, which
  // the contract refuses): Node's querystring, not qs's nested-object syntax.
  app.set('query parser', 'simple');
  app.set('etag', weakETag);
  provideRequestLog(app, logger);
  const metrics = createMetrics(deps);

  app.use(accessLog(logger, metrics?.observeResponse));
  app.use(
    securityHeaders({
      // Swagger UI must load its assets over plain http in development too.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    }),
  );
  app.use(cors(config.corsOrigins));

  const tokenVersions = createTokenVersions({
    db,
    reads,
    ttlMs: config.tokenVersionCacheMs,
    now: () => clock.now(),
  });
  const credentials = createCredentialGuard({
    rateLimit: createCredentialRateLimit({
      limitPerMinute: config.loginRateLimitPerMinute,
      postgresPool,
      isClusterWorker: isClusterWorker(config),
    }),
    tokenVersions,
    verify: (username, password) => verifyCredentials({ db }, username, password),
  });
  const rateLimit = apiRateLimit(
    createApiRateLimit({
      limitPerMinute: config.apiRateLimitPerMinute,
      isClusterWorker: isClusterWorker(config),
      onSharedCountFailed: (error) =>
        logger.warn({ err: error }, 'API rate limit: the primary did not count; counted here'),
    }),
  );
  mountContractRoutes(app, {
    config,
    db,
    reads,
    offloadedReads,
    clock,
    accessTokens: createAccessTokens(config, clock),
    tokenVersions,
    credentials,
    onCredentialsRevoked: (userId) => credentials.forgetUser(userId),
    mailer,
    background,
    rateLimit,
  });
  // After the API routes, so API requests never walk these. Contract routes count themselves; what
  // is left (metrics, docs, 404s and 405s) counts per client IP.
  if (rateLimit.byClientIp !== undefined) app.use(rateLimit.byClientIp);
  if (metrics !== undefined) app.use(metrics.router);
  app.use(createDocsRouter(createOpenApiDocument(API_VERSION)));

  app.use(routeNotFound());
  app.use(handleError());
  return app;
};
