import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { openDatabase } from './db/create-db.js';
import type { Db } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedEmptyDatabase } from './features/demo/seed.js';
import type { Logger } from './logger.js';
import { closeGracefully, listen } from './server.js';

/** A Shelf API listening on a port, with the database it owns. */
export interface RunningServer {
  /** http://host:port, with the port actually bound (useful with PORT=0). */
  url: string;
  server: Server;
  config: Config;
  db: Db;
  /** Drains requests in flight (up to `timeoutMs`), then closes the database. */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * Opens and migrates the database, seeds an empty one, and listens: everything `main.ts` does
 * except reading the environment and handling signals, so tests and tools can run the real server.
 *
 * @example
 * const running = await startServer({ config: parseConfig({ PORT: '0' }), logger: createLogger('silent') });
 * await fetch(`${running.url}/health`);
 * await running.close();
 */
export const startServer = async ({
  config,
  logger,
}: {
  config: Config;
  logger: Logger;
}): Promise<RunningServer> => {
  const { db, postgresPool } = openDatabase(config.database);
  try {
    const applied = await migrateToLatest(db, config.database.kind);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrated the database');
    await seedEmptyDatabase(db, config, logger);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const server = await listen(
    createApp({ config, db, logger, postgresPool }),
    config.port,
    config.host,
  );
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${port}`,
    server,
    config,
    db,
    async close(timeoutMs = 10_000) {
      await closeGracefully(server, timeoutMs);
      await db.destroy();
    },
  };
};
