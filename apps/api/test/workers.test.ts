import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain, waitUntil } from './run-main.js';
import { sendFrom } from './send-from.js';
import { createTestDatabase } from './test-server.js';
import { postgresOnly } from './postgres-only.js';

const JWT_SECRET = 'workers-test-secret-at-least-32-bytes';
const METRICS_TOKEN = 'workers-test-metrics-token';
/** Far above the other tests' requests from 127.0.0.1, low enough to reach from another address. */
const API_RATE_LIMIT = 30;
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? '';

/** One request on a fresh connection (no keep-alive), so node:cluster hands each to the next worker. */
const exchange = (
  url: string,
  {
    method = 'GET',
    body,
    headers = {},
  }: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const outgoing = request(url, {
      method,
      agent: false,
      headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    });
    outgoing.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });

const statusOf = async (url: string, options?: Parameters<typeof exchange>[1]) =>
  (await exchange(url, options)).status;

/** The JSON log lines in a process's output. */
const logLines = (output: string): Record<string, unknown>[] =>
  output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });

/** Pids of the workers the primary reported as listening, in order. */
const listeningWorkers = (output: string): number[] =>
  logLines(output).flatMap((line) =>
    typeof line.workerPid === 'number' && /^worker \d+ listening$/.test(String(line.msg))
      ? [line.workerPid]
      : [],
  );

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('API_WORKERS on SQLite', () => {
  it('refuses more than one worker, says why and what to do, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shelf-workers-sqlite-'));
    try {
      const run = runMain({
        PORT: '0',
        API_WORKERS: '2',
        DATABASE_URL: `sqlite:${join(dir, 'shelf.db')}`,
        JWT_SECRET,
      });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain('API_WORKERS>1 needs PostgreSQL');
      expect(run.output()).toContain('Set API_WORKERS=1, or DATABASE_URL=postgres://');
      expect(run.output()).not.toContain('listening');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

if (POSTGRES_URL === '') {
  process.stderr.write(
    '\n*** workers.test.ts: the API_WORKERS=2 process tests are SKIPPED: they need PostgreSQL and ' +
      'TEST_DATABASE_URL is unset. Run `pnpm --filter @shelf/api test:pg` (CI does). ***\n\n',
  );
}

describe.skipIf(POSTGRES_URL === '')(postgresOnly('API_WORKERS=2 on PostgreSQL'), () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let run: ReturnType<typeof runMain>;
  let url = '';
  let firstWorkers: number[] = [];
  let liveWorkers: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    run = runMain({
      PORT: '0',
      API_WORKERS: '2',
      DATABASE_URL: database.url,
      JWT_SECRET,
      LOG_LEVEL: 'info',
      LOGIN_RATE_LIMIT: '3',
      API_RATE_LIMIT: String(API_RATE_LIMIT),
      SEED_DEMO_DATA: 'false',
      METRICS_ENABLED: 'true',
      METRICS_TOKEN,
    });
    url = (await run.waitFor(/listening on (http:\/\/[\d.]+:\d+) .*with 2 workers/))[1] ?? '';
    firstWorkers = listeningWorkers(run.output());
  }, 30_000);

  afterAll(async () => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await database?.drop();
  });

  it('migrates once in the primary and starts two worker processes', () => {
    expect(firstWorkers).toHaveLength(2);
    expect(new Set(firstWorkers).size).toBe(2);
    expect(firstWorkers).not.toContain(run.child.pid);
    expect(firstWorkers.every(isAlive)).toBe(true);
    const migrationLogs = logLines(run.output()).filter((line) => 'migrations' in line);
    expect(migrationLogs.map((line) => line.pid)).toEqual([run.child.pid]);
  });

  it('counts failed logins together across workers: the 4th of a limit of 3 gets a 429', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      statuses.push(
        await statusOf(`${url}/auth/login`, {
          method: 'POST',
          body: { username: 'cluster-victim', password: `wrong-guess-${attempt}` },
        }),
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);

    const servedBy = await waitUntil(
      () => {
        const pids = logLines(run.output())
          .filter((line) => JSON.stringify(line).includes('/auth/login'))
          .map((line) => line.pid);
        return pids.length >= 4 ? new Set(pids) : undefined;
      },
      () => `access logs of the 4 logins; output:\n${run.output()}`,
    );
    expect([...servedBy].sort()).toEqual([...firstWorkers].sort());
  });

  it('answers GET /metrics on any worker with the requests of every worker', async () => {
    const loginCount = (text: string, status: number) =>
      text
        .split('\n')
        .find(
          (line) =>
            line.startsWith('http_request_duration_seconds_count{') &&
            line.includes('route="/auth/login"') &&
            line.includes(`status_code="${status}"`),
        )
        ?.split(' ')
        .at(-1);
    // Two scrapes on fresh connections: one lands on each worker.
    for (let scrape = 0; scrape < 2; scrape++) {
      const metrics = await exchange(`${url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(metrics.status).toBe(200);
      expect(loginCount(metrics.text, 401)).toBe('3');
      expect(loginCount(metrics.text, 429)).toBe('1');
    }
  });

  it('counts the API rate limit together across workers: one budget per client IP', async () => {
    // Each request on a new connection, so node:cluster hands them to the workers in turn.
    const from = '127.0.9.1';
    const remaining: string[] = [];
    for (let request = 0; request < API_RATE_LIMIT; request++) {
      const reply = await sendFrom(url, from, { path: '/health' });
      expect(reply.status).toBe(200);
      remaining.push(reply.headers['ratelimit-remaining'] ?? 'missing');
    }
    expect(remaining).toEqual(
      Array.from({ length: API_RATE_LIMIT }, (_, n) => String(API_RATE_LIMIT - 1 - n)),
    );
    const refused = await sendFrom(url, from, { path: '/health' });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe(refused.headers['ratelimit-reset']);
  });

  it('replaces a killed worker, and keeps serving meanwhile', async () => {
    const [victim, survivor] = firstWorkers;
    if (victim === undefined || survivor === undefined) throw new Error('no workers to kill');
    process.kill(victim, 'SIGKILL');

    const replacement = await waitUntil(
      () => listeningWorkers(run.output()).find((pid) => !firstWorkers.includes(pid)),
      () => `a replacement worker; output:\n${run.output()}`,
    );
    expect(run.output()).toMatch(
      new RegExp(`worker ${victim} exited unexpectedly; replacing it in \\d+ ms`),
    );
    expect(isAlive(victim)).toBe(false);
    const statuses = await Promise.all([0, 1, 2, 3].map(() => statusOf(`${url}/health/ready`)));
    expect(statuses).toEqual([200, 200, 200, 200]);
    liveWorkers = [survivor, replacement];
  });

  it('stops every worker gracefully on SIGTERM, then exits 0', async () => {
    expect(liveWorkers.filter(isAlive)).toHaveLength(2);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const stopped = logLines(run.output()).filter((line) => line.msg === 'stopped');
    expect(stopped.map((line) => line.pid).sort()).toEqual([...liveWorkers, run.child.pid].sort());
    expect(liveWorkers.filter(isAlive)).toEqual([]);
  });
});
