import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** Asks the database the cheapest question; rejects with the driver's error when it cannot answer. */
export const pingDatabase = async (db: Db): Promise<void> => {
  await sql`select 1`.execute(db);
};
