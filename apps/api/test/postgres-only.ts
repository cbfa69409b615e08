/** The PostgreSQL URL of `pnpm test:pg`, or '' in the SQLite run. */
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? '';

/**
 * The title of a PostgreSQL-only test: as is when it runs, and saying why in the SQLite run, where
 * it is skipped (loudly: the files also print a notice), so a report never claims a skip that did
 * not happen.
 */
export const postgresOnly = (title: string): string =>
  POSTGRES_URL === '' ? `${title} (skipped: needs TEST_DATABASE_URL; run test:pg)` : title;
