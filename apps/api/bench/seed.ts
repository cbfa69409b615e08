/**
 * `pnpm bench:seed --books N`: adds N synthetic books to the database DATABASE_URL names (SQLite or
 * PostgreSQL, migrated here if needed), through Shelf's own repository (bulkInsertBooks), so every
 * index and the text index hold exactly what the API would write. Books continue from those already
 * there, so running it twice gives 2N distinct books. Ends with the engine's statistics step.
 *
 * A bulk load, not a live write: on SQLite it runs in one transaction without fsync, with the
 * secondary indexes and the text index built once at the end, and other writers wait meanwhile.
 */
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { parseConfig, type Config } from '../src/config.js';
import { openDatabase } from '../src/db/open-database.js';
import type { Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createUser } from '../src/features/auth/auth.service.js';
import { findUserWithPasswordHash } from '../src/features/auth/users.repository.js';
import { bulkInsertBooks } from '../src/features/books/book-bulk-load.repository.js';
import type { Book } from '@shelf/contracts';
import { syntheticBook } from './synthetic-books.js';

const OWNERS = 12;
/** Bench owners sign in with `reader01` … `reader12` and this password. */
export const BENCH_PASSWORD = 'bench password';
const BATCH = 5000;

const { values } = parseArgs({
  options: { books: { type: 'string', default: '10000' } },
});
const total = Number(values.books);
if (!Number.isInteger(total) || total < 0) throw new Error('--books must be a whole number');

/** pnpm runs this from apps/api; a relative SQLite path means the caller's directory. */
const databaseOf = (config: Config): Config['database'] => {
  if (config.database.kind !== 'sqlite' || isAbsolute(config.database.path)) return config.database;
  return {
    kind: 'sqlite',
    path: resolve(process.env.INIT_CWD ?? process.cwd(), config.database.path),
  };
};

const ensureOwners = async (db: Db): Promise<string[]> => {
  const ids: string[] = [];
  for (let i = 1; i <= OWNERS; i++) {
    const username = `reader${String(i).padStart(2, '0')}`;
    const existing = await findUserWithPasswordHash(db, username);
    ids.push(
      existing?.id ??
        (await createUser({ db }, { username, password: BENCH_PASSWORD, role: 'user' })).id,
    );
  }
  return ids;
};

const countBooks = async (db: Db) => {
  const row = await db
    .selectFrom('books')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
};

const analyze = async (db: Db, kind: Config['database']['kind']) => {
  if (kind === 'postgres') {
    // VACUUM also flushes the GIN indexes' pending lists and sets the visibility map.
    await sql`vacuum analyze`.execute(db);
    return;
  }
  await sql`insert into books_search(books_search) values ('optimize')`.execute(db);
  await sql`analyze`.execute(db);
  await sql`pragma optimize`.execute(db);
  await sql`pragma wal_checkpoint(truncate)`.execute(db);
};

/** The books to add, BATCH at a time, generated as the load asks for them. */
function* batches(
  first: number,
  owners: readonly string[],
): Generator<Omit<Book, 'owner_username'>[]> {
  for (let done = 0; done < total; done += BATCH) {
    const size = Math.min(BATCH, total - done);
    yield Array.from({ length: size }, (_, i) => syntheticBook(first + done + i, owners));
  }
}

const main = async () => {
  const config = parseConfig(process.env);
  const database = databaseOf(config);
  if (config.env === 'production' && database.kind === 'sqlite') {
    throw new Error(
      'bench:seed loads SQLite without fsync (synchronous = off): run it on a copy, never with NODE_ENV=production',
    );
  }
  const { db, close } = openDatabase(database);
  try {
    // A large page cache keeps the random-order index inserts in memory while loading.
    // A bulk load that can simply be run again: no fsync per transaction.
    if (database.kind === 'sqlite') {
      await sql`pragma cache_size = -1000000`.execute(db);
      await sql`pragma synchronous = off`.execute(db);
      // Checkpoint every ~400 MB of WAL, not every 4 MB: hot index pages are copied back far less.
      await sql`pragma wal_autocheckpoint = 100000`.execute(db);
    }
    await migrateToLatest(db, database.kind);
    const owners = await ensureOwners(db);
    const first = await countBooks(db);
    const started = performance.now();
    let done = 0;
    await bulkInsertBooks(db, batches(first, owners), (books) => {
      done += books;
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        `\r${done.toLocaleString('en')} / ${total.toLocaleString('en')} books, ${seconds.toFixed(1)} s`,
      );
    });
    process.stdout.write('\n');
    // Durable again before the statistics and the final checkpoint.
    if (database.kind === 'sqlite') await sql`pragma synchronous = normal`.execute(db);
    process.stdout.write('updating the planner statistics…\n');
    await analyze(db, database.kind);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `done: ${(first + total).toLocaleString('en')} books in the database; this run took ${seconds.toFixed(1)} s\n`,
    );
  } finally {
    await close();
  }
};

await main();
