import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { createUser } from '../auth/auth.service.js';
import { createBook } from '../books/books.service.js';
import { DEMO_BOOKS } from './demo-books.js';

/** The demo accounts the README advertises. */
export const DEMO_USERS = [
  { username: 'alice', password: 'secret123', role: 'admin', email: 'alice@example.com' },
  { username: 'bob', password: 'secret456', role: 'user', email: 'bob@example.com' },
] as const;

/** Adds the demo users and books (outside production, when SEED_DEMO_DATA); the caller runs it only on a database without users. */
export const seedDemoData = async (db: Db, config: Config, logger: Logger): Promise<void> => {
  if (!config.seedDemoData) return;
  const [alice, bob] = await Promise.all(DEMO_USERS.map((user) => createUser({ db }, user)));
  if (alice === undefined || bob === undefined) return;
  for (const [index, book] of DEMO_BOOKS.entries()) {
    const owner = index % 2 === 0 ? alice : bob;
    await createBook({ db }, owner, { ...book, tags: [...book.tags] });
  }
  logger.info({ users: DEMO_USERS.length, books: DEMO_BOOKS.length }, 'seeded demo data');
};
