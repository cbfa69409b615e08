import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { createUser } from '../auth/auth.service.js';
import { countUsers } from '../auth/users.repository.js';
import { createBook } from '../books/books.service.js';
import { DEMO_BOOKS } from './demo-books.js';

/** The demo accounts the README advertises. */
export const DEMO_USERS = [
  { username: 'alice', password: 'secret123', role: 'admin' },
  { username: 'bob', password: 'secret456', role: 'user' },
] as const;

/**
 * Fills an empty database: outside production, demo users and books; in production, only the first
 * admin when ADMIN_USERNAME and ADMIN_PASSWORD are set. A database with any user is left alone.
 */
export const seedEmptyDatabase = async (db: Db, config: Config, logger: Logger): Promise<void> => {
  if ((await countUsers(db)) > 0) return;

  if (config.initialAdmin !== undefined) {
    await createUser({ db }, { ...config.initialAdmin, role: 'admin' });
    logger.info({ username: config.initialAdmin.username }, 'created the first admin');
  }
  if (!config.seedDemoData) return;

  const [alice, bob] = await Promise.all(DEMO_USERS.map((user) => createUser({ db }, user)));
  if (alice === undefined || bob === undefined) return;
  for (const [index, book] of DEMO_BOOKS.entries()) {
    const owner = index % 2 === 0 ? alice : bob;
    await createBook({ db }, owner, { ...book, tags: [...book.tags] });
  }
  logger.info({ users: DEMO_USERS.length, books: DEMO_BOOKS.length }, 'seeded demo data');
};
