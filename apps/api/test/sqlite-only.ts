import { TEST_DATABASE_KIND } from './test-server.js';

/**
 * The title of a SQLite-only test: as is in the SQLite run, and saying why it is skipped in the
 * PostgreSQL run (`pnpm test:pg`), so a report never hides a skip.
 */
export const sqliteOnly = (title: string, reason: string): string =>
  TEST_DATABASE_KIND === 'sqlite' ? title : `${title} (skipped on PostgreSQL: ${reason})`;
