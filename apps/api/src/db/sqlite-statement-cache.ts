import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct statements kept; Shelf's queries come in a few dozen shapes, so this is never reached in practice. */
const CAPACITY = 256;

/**
 * The connection Kysely's SQLite dialect uses, preparing each distinct SQL text once: Kysely asks
 * for a fresh statement on every query, and `prepare` was a sixth of a list request's cost.
 * A statement still being iterated is never handed out twice.
 */
export const withStatementCache = (database: SQLite.Database): SqliteDatabase => {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached !== undefined && !cached.busy) return cached;
      const statement = database.prepare(sql);
      if (cached === undefined) {
        if (statements.size >= CAPACITY) {
          const oldest = statements.keys().next();
          if (oldest.done !== true) statements.delete(oldest.value);
        }
        statements.set(sql, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
};
