import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../test-server.js';

/** TEST_DATABASE_URL, or '' when the PostgreSQL variants are to be skipped. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? '';

/** A database a fault test owns: its DATABASE_URL, the SQLite file's path, and how to remove it. */
export interface FaultDatabase {
  kind: 'sqlite' | 'postgres';
  url: string;
  /** The SQLite file (undefined on PostgreSQL). */
  path: string | undefined;
  drop(): Promise<void>;
}

/** A fresh SQLite file in a temporary folder, whatever TEST_DATABASE_URL says. */
export const createSqliteDatabase = (): FaultDatabase => {
  const dir = mkdtempSync(join(tmpdir(), 'shelf-fault-'));
  const path = join(dir, 'shelf.db');
  return {
    kind: 'sqlite',
    url: `sqlite:${path}`,
    path,
    drop: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
};

/** A fresh schema in TEST_DATABASE_URL's database (createTestDatabase); call only when it is set. */
export const createPostgresDatabase = async (): Promise<FaultDatabase> => {
  if (POSTGRES_URL === '') throw new Error('TEST_DATABASE_URL is not set');
  const database = await createTestDatabase();
  return { kind: 'postgres', url: database.url, path: undefined, drop: () => database.drop() };
};

/**
 * Says loudly, once per file, that the PostgreSQL variants of `file` are skipped, and why: a
 * skipped fault test must never pass for a tested one.
 */
export const warnIfPostgresSkipped = (file: string): void => {
  if (POSTGRES_URL !== '') return;
  process.stderr.write(
    `\n*** ${file}: the PostgreSQL variants are SKIPPED: TEST_DATABASE_URL is unset. ` +
      'Run `pnpm --filter @shelf/api test:pg` (CI does). ***\n\n',
  );
};
