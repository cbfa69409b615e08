/**
 * `pnpm bench`: Shelf against a bare-Express baseline, measured in the same run on this machine.
 * Each server runs in its own process; autocannon drives one scenario at a time over loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { measureJwtVerify } from './jwt-verify.js';

const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SHELF_PORT = 3900;
const BASELINE_PORT = 3901;
const here = import.meta.dirname;

const start = async (
  command: string[],
  env: Record<string, string>,
  readyUrl: string,
): Promise<ChildProcess> => {
  const child = spawn(process.execPath, command, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(readyUrl)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`${command.join(' ')} did not become ready at ${readyUrl}`);
};

interface Row {
  scenario: string;
  server: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
}

const measure = async (
  scenario: string,
  server: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<Row> => {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    headers,
  });
  return {
    scenario,
    server,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  };
};

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shelf-bench-'));
  const shelf = await start(
    [join(here, '..', 'dist', 'main.js')],
    {
      NODE_ENV: 'development',
      PORT: String(SHELF_PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
      JWT_SECRET: 'bench-secret-that-is-at-least-32-bytes-long',
      LOG_LEVEL: 'info',
    },
    `http://127.0.0.1:${SHELF_PORT}/health/ready`,
  );
  const baseline = await start(
    ['--import', 'tsx', join(here, 'baseline-server.ts')],
    { PORT: String(BASELINE_PORT) },
    `http://127.0.0.1:${BASELINE_PORT}/health`,
  );

  try {
    const login = await fetch(`http://127.0.0.1:${SHELF_PORT}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'secret123' }),
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const bearer = { authorization: `Bearer ${token}` };

    const rows: Row[] = [];
    rows.push(
      await measure('GET /health', 'bare Express', `http://127.0.0.1:${BASELINE_PORT}/health`),
    );
    rows.push(await measure('GET /health', 'Shelf', `http://127.0.0.1:${SHELF_PORT}/health`));
    rows.push(
      await measure(
        'GET /api/books (20 books)',
        'bare Express, from memory',
        `http://127.0.0.1:${BASELINE_PORT}/api/books`,
      ),
    );
    rows.push(
      await measure(
        'GET /api/books (20 books)',
        'Shelf, Bearer + SQLite',
        `http://127.0.0.1:${SHELF_PORT}/api/books`,
        bearer,
      ),
    );
    rows.push(
      await measure(
        'GET /api/me',
        'Shelf, Bearer + SQLite',
        `http://127.0.0.1:${SHELF_PORT}/api/me`,
        bearer,
      ),
    );

    const jwtCost = measureJwtVerify();
    const lines = [
      `Shelf benchmark: ${CONNECTIONS} connections, ${DURATION_SECONDS} s per scenario, Node ${process.version}, loopback`,
      '',
      '| Scenario | Server | req/s | p50 ms | p99 ms | non-2xx/errors |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (row) =>
          `| ${row.scenario} | ${row.server} | ${row.requestsPerSecond} | ${row.p50} | ${row.p99} | ${row.non2xx} |`,
      ),
      '',
      `jwt.verify: ${jwtCost.stringSecretMicros.toFixed(1)} µs with a string secret, ${jwtCost.keyObjectMicros.toFixed(1)} µs with a KeyObject`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (rows.some((row) => row.non2xx > 0)) {
      process.stderr.write('Some requests failed; the figures above are not comparable.\n');
      process.exitCode = 1;
    }
  } finally {
    shelf.kill('SIGTERM');
    baseline.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
};

await main();
