/**
 * `pnpm migrate`: brings the database DATABASE_URL names up to date and exits, so a long migration
 * on a large database runs before the servers start rather than during start-up.
 */
import { openDatabase } from './db/open-database.js';
import { migrateToLatest } from './db/migrate.js';
import { readConfigOrExit } from './read-config.js';

const config = readConfigOrExit();
const { db, close } = openDatabase(config.database);
const started = performance.now();
try {
  const applied = await migrateToLatest(db, config.database.kind);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    applied.length === 0
      ? 'The database is up to date.\n'
      : `Applied ${applied.length} migration(s) in ${seconds} s:\n${applied.map((name) => `  ${name}\n`).join('')}`,
  );
} catch (error) {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`Migration failed; nothing after the failed migration ran: ${detail}\n`);
  process.exitCode = 1;
} finally {
  await close();
}
