import { existsSync } from 'node:fs';
import { ConfigError, parseConfig } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './start-server.js';

const SHUTDOWN_TIMEOUT_MS = 10_000;

const readConfig = () => {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
};

const main = async () => {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  if (config.jwt.isGenerated) {
    logger.warn('JWT_SECRET is not set: using a random secret, so sessions end with this process');
  }

  const running = await startServer({ config, logger });
  logger.info(
    { url: running.url },
    `Shelf API listening on ${running.url} (docs: ${running.url}/docs)`,
  );

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
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
};

main().catch((error: unknown) => {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`Shelf API failed to start: ${detail}\n`);
  process.exit(1);
});
