import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { putSettingIfAbsent } from './settings.repository.js';

/** Where the generated development secret is kept (table `settings`). */
const JWT_SECRET_SETTING = 'jwt_secret';

/**
 * The configuration with the JWT secret every instance shares. With JWT_SECRET set (always, in
 * production) that is the variable. Without it, the first instance to start stores the secret it
 * generated in the database and every instance, now or after a restart, reads that one back, so
 * tokens work on any instance and survive restarts. Run it after migrations.
 */
export const withSharedJwtSecret = async (db: Db, config: Config): Promise<Config> => {
  if (!config.jwt.isGenerated) return config;
  const secret = await putSettingIfAbsent(db, JWT_SECRET_SETTING, config.jwt.secret);
  return { ...config, jwt: { ...config.jwt, secret } };
};
