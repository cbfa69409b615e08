import express, { type Express } from 'express';
import helmet from 'helmet';
import type pg from 'pg';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import { handleError } from './errors/handle-error.js';
import { createAccessTokens } from './features/auth/access-tokens.js';
import { createCredentialRateLimit } from './features/auth/credential-rate-limit.js';
import { createDocsRouter } from './features/docs/docs.routes.js';
import { createOpenApiDocument } from './features/docs/openapi.js';
import { cors } from './http/middleware/cors.js';
import { routeNotFound } from './http/middleware/not-found.js';
import { assignRequestId } from './http/middleware/request-id.js';
import { mountContractRoutes } from './http/router.js';
import type { Logger } from './logger.js';

export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  /** On PostgreSQL, the pool the rate-limit counters share with every other instance. */
  postgresPool?: pg.Pool | undefined;
}

const API_VERSION = '0.1.0';

/**
 * The Express application, not listening: main.ts listens, tests use it on an ephemeral port. All
 * state lives in the database (on SQLite, the rate-limit counters stay in this process's memory).
 */
export const createApp = ({ config, db, logger, postgresPool }: AppDeps): Express => {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxyHops);

  app.use(
    pinoHttp({
      logger,
      genReqId: assignRequestId,
      serializers: {
        req: (req: { id: unknown; method: unknown; url: unknown }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: unknown }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) =>
        error !== undefined || res.statusCode >= 500
          ? 'error'
          : res.statusCode >= 400
            ? 'warn'
            : 'info',
    }),
  );
  app.use(
    helmet({
      // Swagger UI must load its assets over plain http in development too.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    }),
  );
  app.use(cors(config.corsOrigins));
  app.use(createDocsRouter(createOpenApiDocument(API_VERSION)));

  mountContractRoutes(app, {
    config,
    db,
    accessTokens: createAccessTokens(config),
    rateLimit: createCredentialRateLimit(config.loginRateLimitPerMinute, postgresPool),
  });

  app.use(routeNotFound());
  app.use(handleError());
  return app;
};
