import { RateLimiterClusterMaster } from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import { openDatabase } from '../db/open-database.js';
import { withSharedJwtSecret } from '../features/auth/shared-jwt-secret.js';
import { serveClusterMetrics } from '../features/metrics/cluster-metrics.js';
import type { Logger } from '../logger.js';
import { prepareDatabase, serverUrl } from '../start-server.js';
import { startWorkerPool } from './worker-pool.js';

/** Workers drain for up to `shutdownTimeoutMs` themselves; this is the primary's margin on top. */
const STOP_MARGIN_MS = 5000;

/**
 * The `node:cluster` primary (API_WORKERS>1): migrates and seeds the database once, then forks
 * `config.workers` workers that serve HTTP on one port. It holds what the workers share on this
 * machine (the rate-limit counters of RateLimiterCluster; GET /metrics on any worker asks it for the
 * aggregate of every worker's registry), replaces crashed workers, and on SIGTERM/SIGINT stops them all gracefully and exits 0 (1 if some had to be killed).
 */
export const runPrimary = async ({
  config,
  logger,
  shutdownTimeoutMs,
}: {
  config: Config;
  logger: Logger;
  shutdownTimeoutMs: number;
}): Promise<void> => {
  const { db, close } = openDatabase(config.database);
  let sharedConfig: Config;
  try {
    await prepareDatabase(db, config, logger);
    sharedConfig = await withSharedJwtSecret(db, config);
  } finally {
    await close();
  }

  // Registers itself with node:cluster; the workers' RateLimiterCluster counters live in it.
  new RateLimiterClusterMaster();
  if (config.metrics.isEnabled) serveClusterMetrics();

  const pool = startWorkerPool({
    size: config.workers,
    // A generated secret (the one stored in the database) must be the same in every worker.
    env: sharedConfig.jwt.isGenerated ? { JWT_SECRET: sharedConfig.jwt.secret } : {},
    logger,
    onListening: (port) => {
      const url = serverUrl(config.host, port);
      logger.info(
        { url, workers: config.workers },
        `Shelf API listening on ${url} (docs: ${url}/docs) with ${config.workers} workers`,
      );
    },
  });

  let isShuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (isShuttingDown) return;
    isShuttingDown = true;
    logger.info({ signal }, 'shutting down');
    void pool.stop(shutdownTimeoutMs + STOP_MARGIN_MS).then((isClean) => {
      if (isClean) {
        logger.info('stopped');
        process.exit(0);
      }
      logger.error('some workers did not stop in time and were killed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
};
