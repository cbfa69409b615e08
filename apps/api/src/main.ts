import cluster from 'node:cluster';
import { isClusterWorker } from './cluster/is-cluster-worker.js';
import { runPrimary } from './cluster/primary.js';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { exitOnFatalErrors } from './process/exit-on-fatal.js';
import { readConfigOrExit } from './read-config.js';
import { startServer } from './start-server.js';

const SHUTDOWN_TIMEOUT_MS = 10_000;

/** One process serving HTTP: the whole API (API_WORKERS=1), or one cluster worker. */
const serve = async (config: Config, logger: Logger, isClusterWorker: boolean) => {
  const running = await startServer({ config, logger, isDatabasePrepared: isClusterWorker });
  if (!isClusterWorker) {
    logger.info(
      { url: running.url },
      `Shelf API listening on ${running.url} (docs: ${running.url}/docs)`,
    );
  }

  let isShuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (isShuttingDown) return;
    isShuttingDown = true;
    logger.info({ signal }, 'shutting down');
    running
      .close(SHUTDOWN_TIMEOUT_MS)
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  // `on`, not `once`: Ctrl-C arrives twice (from the terminal and forwarded by pnpm or a launcher),
  // and a repeated signal must not kill the process in the middle of its drain.
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
};

const main = async () => {
  const config = readConfigOrExit();
  const logger = createLogger(
    config.logLevel,
    config.logFormat === 'pretty' ? 'pretty' : undefined,
  );
  exitOnFatalErrors(logger);
  const isWorker = isClusterWorker(config);
  if (config.jwt.isGenerated) {
    logger.warn(
      'JWT_SECRET is not set: using a generated secret stored in the database (settings.jwt_secret); set JWT_SECRET in production',
    );
  }
  if (config.workers > 1 && cluster.isPrimary) {
    await runPrimary({ config, logger, shutdownTimeoutMs: SHUTDOWN_TIMEOUT_MS });
    return;
  }
  await serve(config, logger, isWorker);
};

main().catch((error: unknown) => {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`Shelf API failed to start: ${detail}\n`);
  process.exit(1);
});
