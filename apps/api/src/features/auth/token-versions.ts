import type { Db } from '../../db/database.js';
import { queryTemplates } from '../../db/query-templates.js';
import type { ReadRunner } from '../../db/read-runner.js';

/** Users whose version this process remembers at most; the longest-cached is dropped first. */
const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Each user's current token version (`users.token_version`), which every access token must carry.
 * A per-process cache keeps the hot path to one Map lookup: a version is trusted for at most `ttlMs`,
 * so a password change elsewhere takes effect here within that time.
 */
export interface TokenVersions {
  /**
   * The user's token version, or undefined when the user no longer exists: cached when read at most
   * `ttlMs` ago, else read now (concurrent callers share one read).
   */
  current(userId: string): Promise<number | undefined>;
  /** The user's token version read from the database now (and cached). */
  fresh(userId: string): Promise<number | undefined>;
  /** Forgets a user's version: this process just changed it or deleted the user. */
  forget(userId: string): void;
}

/** Compiled once per engine: writes read the version on every request (authenticate.ts). */
const compileVersionRead = queryTemplates<{ userId: string }>();

interface CachedVersion {
  version: Promise<number | undefined>;
  /** When the read started: the version is at least this fresh. */
  readAt: number;
}

export interface TokenVersionsOptions {
  db: Db;
  /** Where the version is read; the read-only connection on SQLite. */
  reads: ReadRunner;
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
}

export const createTokenVersions = ({
  db,
  reads,
  ttlMs,
  maxEntries = DEFAULT_MAX_ENTRIES,
  now = Date.now,
}: TokenVersionsOptions): TokenVersions => {
  const cache = new Map<string, CachedVersion>();

  const readVersion = async (userId: string): Promise<number | undefined> => {
    const [row] = await reads.all(
      compileVersionRead(db, 'token version', { userId }, (values) =>
        db.selectFrom('users').select('token_version').where('id', '=', values.userId),
      ),
    );
    return row?.token_version;
  };

  const read = (userId: string): Promise<number | undefined> => {
    const entry: CachedVersion = { version: readVersion(userId), readAt: now() };
    cache.delete(userId);
    if (cache.size >= maxEntries) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
    cache.set(userId, entry);
    // A failed read is not remembered: the next request tries again.
    entry.version.catch(() => {
      if (cache.get(userId) === entry) cache.delete(userId);
    });
    return entry.version;
  };

  return {
    current(userId) {
      const cached = cache.get(userId);
      if (cached !== undefined && now() - cached.readAt < ttlMs) return cached.version;
      return read(userId);
    },
    fresh: read,
    forget(userId) {
      cache.delete(userId);
    },
  };
};
