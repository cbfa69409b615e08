import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { createUser } from './auth.service.js';

/**
 * Creates the first admin from ADMIN_USERNAME and ADMIN_PASSWORD, in production as elsewhere; the
 * caller runs it only on a database without users.
 */
export const createFirstAdmin = async (db: Db, config: Config, logger: Logger): Promise<void> => {
  if (config.initialAdmin === undefined) return;
  await createUser({ db }, { ...config.initialAdmin, role: 'admin' });
  logger.info({ username: config.initialAdmin.username }, 'created the first admin');
};
