import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../src/config.js';
import { withPurgeLock } from '../src/features/housekeeping/housekeeping.repository.js';
import {
  EXPIRY_MARGIN_MS,
  purgeExpiredRows,
  type PurgeOptions,
  type PurgeResult,
} from '../src/features/housekeeping/housekeeping.service.js';
import { startPurgeScheduler } from '../src/features/housekeeping/purge-scheduler.js';
import { createLogger } from '../src/logger.js';
import {
  createUser,
  startTestServer,
  TEST_DATABASE_KIND,
  type TestServer,
  type TestUser,
} from './test-server.js';

const MINUTE = 60_000;
/** Expired long enough ago for the purge (beyond its margin for slow clocks). */
const LONG_EXPIRED = -(EXPIRY_MARGIN_MS + 5 * MINUTE);
/** Expired, but within the margin: kept for now. */
const JUST_EXPIRED = -MINUTE;
const LIVE = 24 * 60 * MINUTE;

let server: TestServer;
let user: TestUser;

beforeAll(async () => {
  // No schedule: each test runs the purge itself and counts exactly what it deleted.
  server = await startTestServer({ PURGE_INTERVAL_SECONDS: '0', REFRESH_REUSE_GRACE: '0' });
  user = await createUser(server, 'purge');
});
afterAll(async () => {
  await server.close();
});

const purge = (options: PurgeOptions = {}, on: TestServer = server): Promise<PurgeResult> =>
  purgeExpiredRows({ db: on.db, databaseKind: on.config.database.kind }, options);

const isoIn = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

const nothingDeleted = {
  expiredRefreshTokens: 0,
  revokedRefreshTokens: 0,
  expiredIdempotencyKeys: 0,
  expiredRateLimits: 0,
  expiredAccountTokens: 0,
};

const insertRefreshToken = async (token: {
  familyId: string;
  expiresIn: number;
  rotatedAgo?: number;
  revokedAgo?: number;
}): Promise<string> => {
  const id = randomUUID();
  await server.db
    .insertInto('refresh_tokens')
    .values({
      id,
      family_id: token.familyId,
      user_id: user.id,
      token_hash: `hash-${id}`,
      expires_at: isoIn(token.expiresIn),
      created_at: isoIn(-60 * MINUTE),
      rotated_at: token.rotatedAgo === undefined ? null : isoIn(-token.rotatedAgo),
      revoked_at: token.revokedAgo === undefined ? null : isoIn(-token.revokedAgo),
    })
    .execute();
  return id;
};

/** Inserts `count` idempotency keys of `on.user`'s (the suite's user) expiring in `expiresIn` ms. */
const insertIdempotencyKeys = async (
  expiresIn: number,
  count = 1,
  on: { server: TestServer; user: TestUser } = { server, user },
): Promise<string[]> => {
  const keys = Array.from({ length: count }, () => `key-${randomUUID()}`);
  await on.server.db
    .insertInto('idempotency_keys')
    .values(
      keys.map((key) => ({
        user_id: on.user.id,
        key,
        request_hash: 'hash',
        status: 201,
        response_body: '{}',
        response_headers: '{}',
        created_at: isoIn(-25 * 60 * MINUTE),
        expires_at: isoIn(expiresIn),
      })),
    )
    .execute();
  return keys;
};

const insertRateLimit = async (expiresIn: number | null): Promise<string> => {
  const key = `credentials:ip:${randomUUID()}`;
  await server.db
    .insertInto('rate_limits')
    .values({
      key,
      points: 3,
      expire: expiresIn === null ? null : String(Date.now() + expiresIn),
    })
    .execute();
  return key;
};

const remainingTokenIds = async (ids: string[]): Promise<string[]> =>
  (await server.db.selectFrom('refresh_tokens').select('id').where('id', 'in', ids).execute())
    .map((row) => row.id)
    .sort();

const remainingKeys = async (keys: string[]): Promise<string[]> =>
  (await server.db.selectFrom('idempotency_keys').select('key').where('key', 'in', keys).execute())
    .map((row) => row.key)
    .sort();

describe(`purging refresh tokens (${TEST_DATABASE_KIND})`, () => {
  it('deletes expired and revoked tokens and keeps the rotated tokens of live sessions', async () => {
    const liveSession = randomUUID();
    const rotatedLive = await insertRefreshToken({
      familyId: liveSession,
      expiresIn: LIVE,
      rotatedAgo: 60 * MINUTE,
    });
    const currentLive = await insertRefreshToken({ familyId: liveSession, expiresIn: LIVE });
    const rotatedExpired = await insertRefreshToken({
      familyId: randomUUID(),
      expiresIn: LONG_EXPIRED,
      rotatedAgo: 30 * 24 * 60 * MINUTE,
    });
    const unusedExpired = await insertRefreshToken({
      familyId: randomUUID(),
      expiresIn: LONG_EXPIRED,
    });
    const justExpired = await insertRefreshToken({
      familyId: randomUUID(),
      expiresIn: JUST_EXPIRED,
      rotatedAgo: 2 * MINUTE,
    });
    const revokedSession = randomUUID();
    const revokedRotated = await insertRefreshToken({
      familyId: revokedSession,
      expiresIn: LIVE,
      rotatedAgo: 10 * MINUTE,
      revokedAgo: MINUTE,
    });
    const revokedCurrent = await insertRefreshToken({
      familyId: revokedSession,
      expiresIn: LIVE,
      revokedAgo: MINUTE,
    });

    const result = await purge();

    expect(result).toEqual({
      isSkipped: false,
      deleted: { ...nothingDeleted, expiredRefreshTokens: 2, revokedRefreshTokens: 2 },
      hasMore: false,
    });
    const inserted = [
      rotatedLive,
      currentLive,
      rotatedExpired,
      unusedExpired,
      justExpired,
      revokedRotated,
      revokedCurrent,
    ];
    expect(await remainingTokenIds(inserted)).toEqual(
      [rotatedLive, currentLive, justExpired].sort(),
    );
    // The session createUser logged in is untouched and still refreshes.
    const refreshed = await server
      .request()
      .post('/auth/refresh')
      .send({ refresh_token: user.refreshToken });
    expect(refreshed.status).toBe(200);
    user.refreshToken = (refreshed.body as { refresh_token: string }).refresh_token;
  });

  it('keeps a rotated token, so reusing it after a purge still revokes its session', async () => {
    const login = await server
      .request()
      .post('/auth/login')
      .send({ username: user.username, password: user.password })
      .expect(200);
    const first = (login.body as { refresh_token: string }).refresh_token;
    const rotation = await server
      .request()
      .post('/auth/refresh')
      .send({ refresh_token: first })
      .expect(200);
    const second = (rotation.body as { refresh_token: string }).refresh_token;

    expect((await purge()).deleted).toEqual(nothingDeleted);

    // REFRESH_REUSE_GRACE=0: presenting the rotated token again is reuse, and ends the session.
    const reuse = await server.request().post('/auth/refresh').send({ refresh_token: first });
    expect(reuse.status).toBe(401);
    const afterReuse = await server.request().post('/auth/refresh').send({ refresh_token: second });
    expect(afterReuse.status).toBe(401);

    // Now revoked, the session's rows go at the next purge; its tokens stay refused.
    expect((await purge()).deleted).toEqual({ ...nothingDeleted, revokedRefreshTokens: 2 });
    const gone = await server.request().post('/auth/refresh').send({ refresh_token: second });
    expect(gone.status).toBe(401);
  });
});

describe(`purging idempotency keys and rate-limit counters (${TEST_DATABASE_KIND})`, () => {
  it('deletes idempotency keys expired beyond the margin and keeps the others', async () => {
    const [expired = ''] = await insertIdempotencyKeys(LONG_EXPIRED);
    const [justExpired = ''] = await insertIdempotencyKeys(JUST_EXPIRED);
    const [live = ''] = await insertIdempotencyKeys(LIVE);

    const result = await purge();

    expect(result.deleted).toEqual({ ...nothingDeleted, expiredIdempotencyKeys: 1 });
    expect(await remainingKeys([expired, justExpired, live])).toEqual([justExpired, live].sort());
  });

  it('deletes rate-limit counters expired beyond the margin, never those without an expiry', async () => {
    const expired = await insertRateLimit(LONG_EXPIRED);
    const justExpired = await insertRateLimit(JUST_EXPIRED);
    const live = await insertRateLimit(MINUTE);
    const permanent = await insertRateLimit(null);

    const result = await purge();

    expect(result.deleted).toEqual({ ...nothingDeleted, expiredRateLimits: 1 });
    const remaining = await server.db
      .selectFrom('rate_limits')
      .select(['key', 'expire'])
      .where('key', 'in', [expired, justExpired, live, permanent])
      .execute();
    expect(remaining.map((row) => row.key).sort()).toEqual([justExpired, live, permanent].sort());
    expect(remaining.find((row) => row.key === permanent)?.expire).toBeNull();
  });
});

describe(`purging emailed account tokens (${TEST_DATABASE_KIND})`, () => {
  it('deletes expired reset and verification tokens and keeps live ones', async () => {
    const insert = async (purpose: 'password-reset' | 'email-change', expiresIn: number) => {
      const tokenHash = `hash-${randomUUID()}`;
      await server.db
        .insertInto('account_tokens')
        .values({
          token_hash: tokenHash,
          purpose,
          user_id: user.id,
          email: purpose === 'email-change' ? `${randomUUID()}@example.com` : null,
          token_version: 0,
          expires_at: isoIn(expiresIn),
          created_at: isoIn(-LIVE),
        })
        .execute();
      return tokenHash;
    };
    await insert('password-reset', LONG_EXPIRED);
    await insert('email-change', LONG_EXPIRED);
    const justExpired = await insert('password-reset', JUST_EXPIRED);
    const live = await insert('email-change', LIVE);

    const result = await purge();

    expect(result.deleted).toEqual({ ...nothingDeleted, expiredAccountTokens: 2 });
    const remaining = await server.db
      .selectFrom('account_tokens')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(remaining.map((row) => row.token_hash).sort()).toEqual([justExpired, live].sort());
  });
});

describe(`purging in bounded batches (${TEST_DATABASE_KIND})`, () => {
  it('deletes at most batchSize rows per statement and maxBatches statements per run', async () => {
    const keys = await insertIdempotencyKeys(LONG_EXPIRED, 7);

    const first = await purge({ batchSize: 3, maxBatches: 2 });
    expect(first).toEqual({
      isSkipped: false,
      deleted: { ...nothingDeleted, expiredIdempotencyKeys: 6 },
      hasMore: true,
    });
    expect(await remainingKeys(keys)).toHaveLength(1);

    const second = await purge({ batchSize: 3, maxBatches: 2 });
    expect(second).toEqual({
      isSkipped: false,
      deleted: { ...nothingDeleted, expiredIdempotencyKeys: 1 },
      hasMore: false,
    });
    expect(await remainingKeys(keys)).toEqual([]);
  });

  it('stops between batches once aborted, saying more is left', async () => {
    const keys = await insertIdempotencyKeys(LONG_EXPIRED, 4);
    const stopping = new AbortController();
    stopping.abort();

    const aborted = await purge({ batchSize: 2, signal: stopping.signal });
    expect(aborted).toEqual({ isSkipped: false, deleted: nothingDeleted, hasMore: true });
    expect(await remainingKeys(keys)).toHaveLength(4);

    expect((await purge({ batchSize: 2 })).deleted.expiredIdempotencyKeys).toBe(4);
  });
});

describe(`several instances purging one database (${TEST_DATABASE_KIND})`, () => {
  it('runs concurrent purges, from this instance and another, without errors or double work', async () => {
    const keys = await insertIdempotencyKeys(LONG_EXPIRED, 40);
    const rateLimits = await Promise.all(
      Array.from({ length: 10 }, () => insertRateLimit(LONG_EXPIRED)),
    );
    const other = await startTestServer({
      DATABASE_URL: server.databaseUrl,
      PURGE_INTERVAL_SECONDS: '0',
    });
    try {
      const results = await Promise.all([
        purge({ batchSize: 4 }),
        purge({ batchSize: 4 }),
        purge({ batchSize: 4 }, other),
      ]);
      const total = (name: 'expiredIdempotencyKeys' | 'expiredRateLimits') =>
        results.reduce((sum, result) => sum + result.deleted[name], 0);
      expect(total('expiredIdempotencyKeys')).toBe(40);
      expect(total('expiredRateLimits')).toBe(10);
      expect(results.some((result) => !result.isSkipped)).toBe(true);
      expect(await remainingKeys(keys)).toEqual([]);
      const leftCounters = await server.db
        .selectFrom('rate_limits')
        .select('key')
        .where('key', 'in', rateLimits)
        .execute();
      expect(leftCounters).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it.runIf(TEST_DATABASE_KIND === 'postgres')(
    'skips the run while another instance holds the purge lock (PostgreSQL)',
    async () => {
      const [key = ''] = await insertIdempotencyKeys(LONG_EXPIRED);
      const whileLocked = await withPurgeLock(server.db, () => purge());
      expect(whileLocked).toEqual({ isSkipped: true, deleted: nothingDeleted, hasMore: false });
      expect(await remainingKeys([key])).toEqual([key]);

      const afterwards = await purge();
      expect(afterwards.isSkipped).toBe(false);
      expect(afterwards.deleted.expiredIdempotencyKeys).toBe(1);
    },
  );
});

/** A logger whose JSON lines the test reads. */
const capturedLogger = () => {
  const lines: { level: number; msg: string; deleted?: Record<string, number> }[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as (typeof lines)[number]);
      done();
    },
  });
  return { logger: createLogger('debug', destination), lines };
};

const waitFor = async (isDone: () => boolean | Promise<boolean>, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await isDone())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the purge schedule', () => {
  // The schedule's timers run on a fake clock: intervals pass at once, and "no further run" is seen
  // by moving the clock a long way rather than by sleeping.
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads PURGE_INTERVAL_SECONDS: 600 by default, 0 disables, negatives are refused', () => {
    expect(parseConfig({}).purgeIntervalSeconds).toBe(600);
    expect(parseConfig({ PURGE_INTERVAL_SECONDS: '0' }).purgeIntervalSeconds).toBe(0);
    expect(() => parseConfig({ PURGE_INTERVAL_SECONDS: '-1' })).toThrow(/PURGE_INTERVAL_SECONDS/);
  });

  it('logs a failed run at warn, keeps the schedule, and logs purged rows at info', async () => {
    const { logger, lines } = capturedLogger();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let calls = 0;
    const scheduler = startPurgeScheduler({
      intervalMs: 10,
      logger,
      purge: () => {
        calls += 1;
        if (calls === 1) return Promise.reject(new Error('database is down'));
        return Promise.resolve({
          isSkipped: false,
          deleted: { ...nothingDeleted, expiredRateLimits: calls === 2 ? 3 : 0 },
          hasMore: false,
        });
      },
    });
    await vi.advanceTimersByTimeAsync(30);
    expect(calls).toBe(3);
    await scheduler.stop();
    const callsAtStop = calls;

    expect(lines[0]).toMatchObject({
      level: 40,
      msg: 'purge failed; retrying at the next interval',
    });
    expect(lines[1]).toMatchObject({
      level: 30,
      msg: 'purged expired rows',
      deleted: { ...nothingDeleted, expiredRateLimits: 3 },
    });
    expect(lines[2]).toMatchObject({ level: 20, msg: 'purge found nothing to delete' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(callsAtStop);
  });

  it('runs no purge when the interval is 0', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let calls = 0;
    const scheduler = startPurgeScheduler({
      intervalMs: 0,
      logger: capturedLogger().logger,
      purge: () => {
        calls += 1;
        return Promise.resolve({ isSkipped: false, deleted: nothingDeleted, hasMore: false });
      },
    });
    await vi.advanceTimersByTimeAsync(24 * 60 * MINUTE);
    await scheduler.stop();
    expect(calls).toBe(0);
  });

  it('purges a running server on its own every PURGE_INTERVAL_SECONDS', async () => {
    const scheduled = await startTestServer({ PURGE_INTERVAL_SECONDS: '1' });
    try {
      const on = { server: scheduled, user: await createUser(scheduled, 'scheduled') };
      await insertIdempotencyKeys(LONG_EXPIRED, 1, on);
      const [live] = await insertIdempotencyKeys(LIVE, 1, on);
      const keys = async () =>
        (await scheduled.db.selectFrom('idempotency_keys').select('key').execute()).map(
          (row) => row.key,
        );
      await waitFor(async () => (await keys()).length === 1);
      expect(await keys()).toEqual([live]);
    } finally {
      await scheduled.close();
    }
  });
});
