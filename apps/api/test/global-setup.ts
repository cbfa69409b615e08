import pg from 'pg';

/**
 * With TEST_DATABASE_URL set, the component suites run against PostgreSQL: check it answers first
 * and say how to fix it when it does not, rather than failing every test one by one.
 */
export default async function checkTestDatabase(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url === undefined || url === '') return;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(
      `TEST_DATABASE_URL=${url} does not answer (${String(error)}). Start PostgreSQL ` +
        '(e.g. `pg_ctlcluster --skip-systemctl-redirect <version> main start`) or unset TEST_DATABASE_URL to test on SQLite.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  process.stdout.write(`Component suites run against PostgreSQL at ${url}\n`);
}
