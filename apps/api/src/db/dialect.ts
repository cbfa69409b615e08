import { SqliteAdapter } from 'kysely';
import type { Db } from './database.js';

/** True when `db` talks to SQLite, for the few statements the two dialects write differently. */
export const isSqlite = (db: Db): boolean => db.getExecutor().adapter instanceof SqliteAdapter;
