import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { ConfigError, parseConfig } from './config.js';
import { createDb } from './db/create-db.js';
import { migrateToLatest } from './db/migrate.js';
import { seedEmptyDatabase } from './features/demo/seed.js';
import { createLogger } from './logger.js';
import { closeGracefully, listen } from './server.js';

const SHUTDOWN_TIMEOUT_MS = 10_000;

const readConfig = () => {
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
    logger.warn('JWT_SECRET is not set: using a random secret, so tokens end with this process');
  }

  const db = createDb(config.database);
  const applied = await migrateToLatest(db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrated the database');
  await seedEmptyDatabase(db, config, logger);

  const server = await listen(createApp({ config, db, logger }), config.port, config.host);
  const { address, port } = server.address() as AddressInfo;
  logger.info(
    { address, port },
    `Shelf API listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
  );

  let isShuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (isShuttingDown) return;
    isShuttingDown = true;
    logger.info({ signal }, 'shutting down');
    closeGracefully(server, SHUTDOWN_TIMEOUT_MS)
      .then(() => db.destroy())
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
  process.stderr.write(
    `Shelf API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
