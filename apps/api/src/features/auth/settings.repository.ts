import type { Db } from '../../db/database.js';

/**
 * The value stored under `name`, storing `value` first if there is none: the first caller's value
 * wins, and every caller (on any instance, at the same moment or later) gets that one back.
 */
export const putSettingIfAbsent = async (db: Db, name: string, value: string): Promise<string> => {
  await db
    .insertInto('settings')
    .values({ name, value })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
};

/**
 * Takes the lock row `name` until the transaction `db` ends, by writing it: on PostgreSQL a second
 * transaction waits here for the first to commit (and then sees what it did); on SQLite the write
 * takes the database's write lock. Call it first in the transaction.
 */
export const lockSettingRow = async (db: Db, name: string): Promise<void> => {
  const at = new Date().toISOString();
  await db
    .insertInto('settings')
    .values({ name, value: at })
    .onConflict((conflict) => conflict.column('name').doUpdateSet({ value: at }))
    .execute();
};
