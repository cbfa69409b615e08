import SQLite from 'better-sqlite3';
import type { CompiledQuery, SqliteDatabase } from 'kysely';
import type { ReadRunner } from './read-runner.js';
import { withStatementCache } from './sqlite-statement-cache.js';

/**
 * Indexed reads on SQLite (a page, a book by id) on a read-only connection of their own, run
 * synchronously: they take well under a millisecond, and skipping the async driver and its
 * connection lock is a tenth of a list request's cost. A separate connection also keeps them out of
 * any write transaction the main connection has open: they see committed data only.
 */
export const directReads = (path: string): ReadRunner => {
  // Opened on first use: the main connection creates the file and sets WAL mode first.
  let statements: SqliteDatabase | undefined;
  const open = () => {
    const sqlite = new SQLite(path, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    return withStatementCache(sqlite);
  };
  return {
    all<Row>(query: CompiledQuery<Row>): Promise<Row[]> {
      try {
        statements ??= open();
        return Promise.resolve(statements.prepare(query.sql).all(query.parameters) as Row[]);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    close() {
      statements?.close();
      statements = undefined;
      return Promise.resolve();
    },
  };
};
