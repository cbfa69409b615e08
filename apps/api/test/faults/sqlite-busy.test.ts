import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { signUp, startApiProcess, stopApiProcess, type ApiProcess } from './api-process.js';
import { readServiceUnavailable } from './service-unavailable.js';
import { createSqliteDatabase, type FaultDatabase } from './test-databases.js';

/** Far above the API's busy timeout: a write that waits this long counts as hung. */
const HUNG_AFTER_MS = 5000;

let api: ApiProcess | undefined;
let database: FaultDatabase | undefined;
let locker: SQLite.Database | undefined;

afterEach(async () => {
  locker?.close();
  await stopApiProcess(api);
  await database?.drop();
  locker = undefined;
  api = undefined;
  database = undefined;
});

const timed = async (request: Promise<Response>) => {
  const started = Date.now();
  const response = await request;
  return { response, ms: Date.now() - started };
};

describe('SQLite locked by another connection', () => {
  it('answers writes 503 database-busy with Retry-After within a bounded wait, serves reads, and recovers when the lock is released', async () => {
    database = createSqliteDatabase();
    api = await startApiProcess(database.url);
    const base = api.url;
    const authorization = await signUp(base, `busy_${randomBytes(4).toString('hex')}`);
    const send = (method: string, path: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method,
        headers: { authorization, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(HUNG_AFTER_MS * 2),
      });
    const created = await send('POST', '/api/books', { title: 'Before the lock', author: 'Busy' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const path = database.path ?? '';
    locker = new SQLite(path);
    locker.exec('BEGIN EXCLUSIVE');

    const create = await timed(
      send('POST', '/api/books', { title: 'While locked', author: 'Busy' }),
    );
    const update = await timed(
      send('PATCH', `/api/books/${id}`, { title: 'Changed while locked' }),
    );
    for (const { response, ms } of [create, update]) {
      expect(await readServiceUnavailable(response)).toEqual({
        code: 'database-busy',
        retryAfter: '1',
      });
      expect(ms).toBeLessThan(HUNG_AFTER_MS);
    }
    // WAL: readers do not wait for the writer's lock.
    const read = await send('GET', `/api/books/${id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ title: 'Before the lock' });

    locker.exec('ROLLBACK');
    const after = await send('POST', '/api/books', { title: 'After the lock', author: 'Busy' });
    expect(after.status).toBe(201);
    const updated = await send('PATCH', `/api/books/${id}`, { title: 'Changed after the lock' });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ title: 'Changed after the lock' });
    const refused = locker
      .prepare('select count(*) as n from books where title = ?')
      .get('While locked') as { n: number };
    expect(refused.n).toBe(0);
    expect(api.output()).toContain('"code":"database-busy"');
    process.stdout.write(
      `faults/sqlite-busy: locked writes answered 503 after ${create.ms} ms (POST) and ${update.ms} ms (PATCH)\n`,
    );
  }, 30_000);
});
