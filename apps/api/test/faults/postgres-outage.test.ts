import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startApiProcess, stopApiProcess, type ApiProcess } from './api-process.js';
import { readServiceUnavailable } from './service-unavailable.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
import {
  createPostgresDatabase,
  POSTGRES_URL,
  warnIfPostgresSkipped,
  type FaultDatabase,
} from './test-databases.js';
import { postgresOnly } from '../postgres-only.js';

warnIfPostgresSkipped('faults/postgres-outage.test.ts');

/** Names this test's pool in pg_stat_activity, so only its connections are terminated. */
const APPLICATION_NAME = `shelf_fault_${process.pid}_${randomBytes(3).toString('hex')}`;
const RETRY_AFTER = '5';

let database: FaultDatabase | undefined;
let proxy: TcpProxy | undefined;
let api: ApiProcess | undefined;
let authorization = '';

/** The database's URL through the proxy, naming the pool with APPLICATION_NAME. */
const proxiedUrl = (url: string, port: number) => {
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);
  proxied.searchParams.set('application_name', APPLICATION_NAME);
  return proxied.toString();
};

const send = (method: string, path: string, body?: unknown) =>
  fetch(`${api?.url ?? ''}${path}`, {
    method,
    headers: { authorization, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });

const createBook = async (title: string): Promise<string> => {
  const response = await send('POST', '/api/books', { title, author: 'Outage' });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
};

/** Every route class the outage touches: a list, a read by id, a create, an update, readiness. */
const requestsFor = (id: string, n: number) => [
  () => send('GET', '/api/books?limit=5'),
  () => send('GET', `/api/books/${id}`),
  () => send('POST', '/api/books', { title: `Outage book ${n}`, author: 'Outage' }),
  () => send('PATCH', `/api/books/${id}`, { title: `Outage title ${n}` }),
];

/** Polls (bounded) until listing books succeeds again; returns how long that took. */
const waitForService = async (): Promise<number> => {
  const started = Date.now();
  for (;;) {
    const list = await send('GET', '/api/books?limit=1');
    await list.arrayBuffer();
    if (list.status === 200) return Date.now() - started;
    if (Date.now() - started > 15_000) throw new Error(`service did not return: ${list.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

if (POSTGRES_URL !== '') {
  beforeAll(async () => {
    const own = await createPostgresDatabase();
    database = own;
    const target = new URL(POSTGRES_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    api = await startApiProcess(proxiedUrl(own.url, proxy.port));
    authorization = await signUp(api.url, `outage_${randomBytes(4).toString('hex')}`);
  }, 30_000);

  afterAll(async () => {
    await stopApiProcess(api);
    await proxy?.close();
    await database?.drop();
  });
}

describe.skipIf(POSTGRES_URL === '')(postgresOnly('PostgreSQL outage'), () => {
  it('answers 503 database-unavailable with Retry-After while the database is cut off, and serves again once it is back, without a restart', async () => {
    const pid = api?.child.pid;
    const id = await createBook('Written before the outage');

    await proxy?.cut();
    let answered = 0;
    for (let round = 0; round < 3; round++) {
      for (const request of requestsFor(id, round)) {
        expect(await readServiceUnavailable(await request())).toEqual({
          code: 'database-unavailable',
          retryAfter: RETRY_AFTER,
        });
        answered += 1;
      }
    }
    const ready = await send('GET', '/health/ready');
    expect(ready.status).toBe(503);

    await proxy?.restore();
    const back = await waitForService();
    expect((await send('GET', `/api/books/${id}`)).status).toBe(200);
    const updated = await send('PATCH', `/api/books/${id}`, { title: 'After the outage' });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ title: 'After the outage', author: 'Outage' });
    await createBook('Written after the outage');
    expect(api?.child.exitCode).toBeNull();
    expect(api?.child.pid).toBe(pid);
    expect(api?.output()).toContain('"code":"database-unavailable"');
    process.stdout.write(
      `faults/postgres-outage: ${answered} requests answered 503 while cut off; service back ${back} ms after restoring\n`,
    );
  }, 30_000);

  it('rides out pg_terminate_backend of its connections mid-load: 503 database-unavailable or success, never a 500 or a dropped connection, and no restart', async () => {
    const pid = api?.child.pid;
    const id = await createBook('Written before the terminations');
    const statuses = new Map<string, number>();
    const failures: string[] = [];
    let isLoading = true;
    let answers = 0;
    /** Polls (bounded) until the load has had `count` more answers: time for it to meet the cut. */
    const afterMoreAnswers = async (count: number) => {
      const target = answers + count;
      const deadline = Date.now() + 10_000;
      while (answers < target && failures.length === 0) {
        if (Date.now() > deadline) throw new Error(`only ${answers} of ${target} answers`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const client = async (offset: number) => {
      for (let n = offset; isLoading && n < offset + 5000; n += 1) {
        const request = requestsFor(id, n)[n % 4];
        if (request === undefined) continue;
        try {
          const response = await request();
          answers += 1;
          if (response.status === 503) {
            const { code, retryAfter } = await readServiceUnavailable(response);
            const key = `503 ${code} Retry-After: ${retryAfter ?? 'none'}`;
            statuses.set(key, (statuses.get(key) ?? 0) + 1);
          } else {
            await response.arrayBuffer();
            statuses.set(String(response.status), (statuses.get(String(response.status)) ?? 0) + 1);
          }
        } catch (error) {
          failures.push(String(error));
        }
      }
    };
    const load = Promise.all([client(0), client(10_000), client(20_000)]);

    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    const terminated: number[] = [];
    try {
      for (let round = 0; round < 4; round++) {
        await afterMoreAnswers(20);
        const result = await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
             where datname = current_database() and pid <> pg_backend_pid() and application_name = $1`,
          [APPLICATION_NAME],
        );
        terminated.push(result.rowCount ?? 0);
      }
    } finally {
      await admin.end();
      await afterMoreAnswers(20).finally(() => (isLoading = false));
      await load;
    }

    expect(api?.child.exitCode, `the API exited:\n${api?.output().slice(-4000) ?? ''}`).toBeNull();
    const back = await waitForService();
    process.stdout.write(
      `faults/postgres-outage: terminated ${terminated.join(', ')} backends in 4 rounds; answers ${JSON.stringify(Object.fromEntries(statuses))}; back after ${back} ms\n`,
    );
    expect(terminated.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(failures).toEqual([]);
    const unexpected = [...statuses.keys()].filter(
      (key) =>
        !['200', '201', `503 database-unavailable Retry-After: ${RETRY_AFTER}`].includes(key),
    );
    expect(unexpected).toEqual([]);
    expect(api?.child.exitCode).toBeNull();
    expect(api?.child.pid).toBe(pid);
  }, 30_000);
});
