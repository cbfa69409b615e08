import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import type { ReadRunner } from '../../db/read-runner.js';
import { createTokenVersions } from './token-versions.js';

/** Compiles queries only; the fake runner below answers them. */
const compileOnly = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/** A users table in memory that counts the reads it answers. */
const fakeUsers = (versions: Record<string, number>) => {
  const reads: string[] = [];
  let failNext = false;
  const runner: ReadRunner = {
    all<Row>(query: CompiledQuery<Row>) {
      const userId = String(query.parameters[0]);
      reads.push(userId);
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('database down'));
      }
      const version = versions[userId];
      return Promise.resolve(
        (version === undefined ? [] : [{ token_version: version }]) as unknown as Row[],
      );
    },
    close: () => Promise.resolve(),
  };
  return {
    runner,
    reads,
    versions,
    failNextRead: () => {
      failNext = true;
    },
  };
};

const setup = (options: { ttlMs?: number; maxEntries?: number } = {}) => {
  const users = fakeUsers({ alice: 0, bob: 3 });
  let now = 1_000_000;
  const tokenVersions = createTokenVersions({
    db: compileOnly,
    reads: users.runner,
    ttlMs: options.ttlMs ?? 5000,
    ...(options.maxEntries === undefined ? {} : { maxEntries: options.maxEntries }),
    now: () => now,
  });
  return {
    users,
    tokenVersions,
    advance: (ms: number) => {
      now += ms;
    },
  };
};

describe('token versions cache', () => {
  it('reads a version once per TTL, and again after it', async () => {
    const { users, tokenVersions, advance } = setup({ ttlMs: 5000 });
    expect(await tokenVersions.current('alice')).toBe(0);
    users.versions.alice = 1;
    advance(4999);
    expect(await tokenVersions.current('alice')).toBe(0);
    advance(1);
    expect(await tokenVersions.current('alice')).toBe(1);
    expect(users.reads).toEqual(['alice', 'alice']);
  });

  it('caches a missing user as undefined, and reads every time with a TTL of 0', async () => {
    const cached = setup();
    expect(await cached.tokenVersions.current('ghost')).toBeUndefined();
    expect(await cached.tokenVersions.current('ghost')).toBeUndefined();
    expect(cached.users.reads).toEqual(['ghost']);

    const uncached = setup({ ttlMs: 0 });
    await uncached.tokenVersions.current('bob');
    await uncached.tokenVersions.current('bob');
    expect(uncached.users.reads).toEqual(['bob', 'bob']);
  });

  it('shares one read between concurrent callers', async () => {
    const { users, tokenVersions } = setup();
    const versions = await Promise.all([1, 2, 3].map(() => tokenVersions.current('bob')));
    expect(versions).toEqual([3, 3, 3]);
    expect(users.reads).toEqual(['bob']);
  });

  it('reads afresh on fresh() and after forget(), within the TTL', async () => {
    const { users, tokenVersions } = setup();
    await tokenVersions.current('alice');
    users.versions.alice = 1;
    expect(await tokenVersions.fresh('alice')).toBe(1);
    expect(await tokenVersions.current('alice')).toBe(1);
    users.versions.alice = 2;
    tokenVersions.forget('alice');
    expect(await tokenVersions.current('alice')).toBe(2);
    expect(users.reads).toEqual(['alice', 'alice', 'alice']);
  });

  it('keeps at most maxEntries users, dropping the one cached longest ago', async () => {
    const { users, tokenVersions } = setup({ maxEntries: 2 });
    users.versions.carol = 7;
    await tokenVersions.current('alice');
    await tokenVersions.current('bob');
    await tokenVersions.current('carol');
    await tokenVersions.current('bob');
    await tokenVersions.current('alice');
    expect(users.reads).toEqual(['alice', 'bob', 'carol', 'alice']);
  });

  it('does not remember a failed read', async () => {
    const { users, tokenVersions } = setup();
    users.failNextRead();
    await expect(tokenVersions.current('bob')).rejects.toThrow('database down');
    expect(await tokenVersions.current('bob')).toBe(3);
    expect(users.reads).toEqual(['bob', 'bob']);
  });
});
