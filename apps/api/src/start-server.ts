import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { createBackgroundTasks } from './background-tasks.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { openDatabase } from './db/open-database.js';
import type { Db } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { withSharedJwtSecret } from './features/auth/shared-jwt-secret.js';
import { createFirstAdmin } from './features/auth/first-admin.js';
import { countUsers } from './features/auth/users.repository.js';
import { seedDemoData } from './features/demo/demo-data.js';
import { purgeExpiredRows } from './features/housekeeping/housekeeping.service.js';
import { startPurgeScheduler } from './features/housekeeping/purge-scheduler.js';
import { createQueryTimings } from './features/metrics/query-timings.js';
import type { Logger } from './logger.js';
import type { Mailer } from './mail/mailer.js';
import { closeGracefully, listen } from './http/http-server.js';

/** A Shelf API listening on a port, with the database it owns. */
export interface RunningServer {
  /** http://host:port, with the port actually bound (useful with PORT=0). */
  url: string;
  server: Server;
  config: Config;
  db: Db;
  /** Stops the purge schedule, drains requests in flight (up to `timeoutMs`), then closes the database. */
  close(timeoutMs?: number): Promise<void>;
}

/** The URL to print for a bound host and port: wildcard hosts print as localhost. */
export const serverUrl = (bindHost: string, port: number): string => {
  const host = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  return `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${port}`;
};

/**
 * Migrates the database and seeds an empty one. The cluster primary runs it once before forking, so
 * workers never race each other's migrations.
 */
export const prepareDatabase = async (db: Db, config: Config, logger: Logger): Promise<void> => {
  const applied = await migrateToLatest(db, config.database.kind);
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrated the database');
  // A database with any user is left alone: the first admin, then the demo data, fill an empty one.
  if ((await countUsers(db)) > 0) return;
  await createFirstAdmin(db, config, logger);
  await seedDemoData(db, config, logger);
};

/**
 * Opens and migrates the database, seeds an empty one, and listens: everything `main.ts` does
 * except reading the environment and handling signals, so tests and tools can run the real server.
 * `isDatabasePrepared` skips migrating and seeding (a cluster worker: the primary did both).
 *
 * @example
 * const running = await startServer({ config: parseConfig({ PORT: '0' }), logger: createLogger('silent') });
 * await fetch(`${running.url}/health`);
 * await running.close();
 */
export const startServer = async ({
  config,
  logger,
  isDatabasePrepared = false,
  clock,
  mailer,
}: {
  config: Config;
  logger: Logger;
  isDatabasePrepared?: boolean;
  /** What tokens expire by; the system clock by default (tests pass one they can move). */
  clock?: Clock;
  /** Where account emails go; by default the one the config describes (SMTP_URL, or the log). */
  mailer?: Mailer | undefined;
}): Promise<RunningServer> => {
  const queryTimings = config.metrics.isEnabled ? createQueryTimings() : undefined;
  const {
    db,
    postgresPool,
    reads,
    offloadedReads,
    close: closeDatabase,
  } = openDatabase(config.database, {
    onIdleConnectionError: (error) =>
      logger.warn({ err: error }, 'an idle PostgreSQL connection failed; the pool dropped it'),
    ...(queryTimings === undefined
      ? {}
      : {
          log: queryTimings.log,
          observeRead: (durationMs: number, isError: boolean) =>
            queryTimings.observeQuery(durationMs, 'select', isError),
        }),
  });
  if (!isDatabasePrepared) {
    try {
      await prepareDatabase(db, config, logger);
    } catch (error) {
      await closeDatabase();
      throw error;
    }
  }
  // Without JWT_SECRET (never in production) the secret is the one stored in the database.
  const appConfig = await withSharedJwtSecret(db, config).catch(async (error: unknown) => {
    await closeDatabase();
    throw error;
  });
  const background = createBackgroundTasks(logger);
  let app: ReturnType<typeof createApp>;
  try {
    app = createApp({
      background,
      mailer,
      config: appConfig,
      db,
      reads,
      offloadedReads,
      logger,
      postgresPool,
      queryTimings,
      clock,
    });
  } catch (error) {
    // E.g. a contract route without an implementation (http/router.ts): refused before listening.
    await closeDatabase();
    throw error;
  }
  const server = await listen(app, config.port, config.host);
  const { port } = server.address() as AddressInfo;
  // Every instance schedules it; on PostgreSQL an advisory lock lets one at a time purge.
  const housekeeping = startPurgeScheduler({
    intervalMs: config.purgeIntervalSeconds * 1000,
    purge: (signal) => purgeExpiredRows({ db, databaseKind: config.database.kind }, { signal }),
    logger,
  });
  return {
    url: serverUrl(config.host, port),
    server,
    config: appConfig,
    db,
    async close(timeoutMs = 10_000) {
      await housekeeping.stop();
      await closeGracefully(server, timeoutMs);
      // Emails requests started after answering still need the database.
      await background.settled();
      await closeDatabase();
    },
  };
};
