/**
 * Shelf as the benchmarks run it: the built server in production mode with every feature on, and
 * the HTTP calls a benchmark needs before measuring (a token, some books).
 */
import { SHELF_ENTRY, SHELF_NODE_FLAGS, startServer, type ServerProcess } from './processes.js';

/** Sent by every load as the Origin header, and allowed by Shelf, so CORS does its full work. */
export const BENCH_ORIGIN = 'http://localhost:5173';
export const BENCH_USERNAME = 'bench';
export const BENCH_PASSWORD = 'bench-password-1';
export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
export const BENCH_METRICS_TOKEN = 'bench-metrics-token-0123456789';

/** Far above any load a benchmark generates: we measure the server, not the limiter. */
const UNLIMITED = '1000000000';

/**
 * The production environment with every feature on: info-level access logs, CORS, security
 * headers, the rate limits (set out of reach, still counting), metrics (ignored until that feature
 * exists), and the first admin created from ADMIN_* because production never seeds demo data.
 */
export const shelfEnv = (
  databaseUrl: string,
  overrides: Record<string, string> = {},
): Record<string, string> => ({
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  DATABASE_URL: databaseUrl,
  JWT_SECRET: BENCH_JWT_SECRET,
  ACCESS_TOKEN_TTL: '86400',
  CORS_ORIGINS: BENCH_ORIGIN,
  LOG_LEVEL: 'info',
  LOGIN_RATE_LIMIT: UNLIMITED,
  API_RATE_LIMIT: UNLIMITED,
  METRICS_ENABLED: 'true',
  METRICS_TOKEN: BENCH_METRICS_TOKEN,
  API_WORKERS: '1',
  ADMIN_USERNAME: BENCH_USERNAME,
  ADMIN_PASSWORD: BENCH_PASSWORD,
  ...overrides,
});

/**
 * Starts `node --max-semi-space-size=8 dist/main.js`, as `pnpm start` does, in `cwd` (an empty
 * folder, so no `.env` is read).
 */
export const startShelf = (options: {
  name: string;
  port: number;
  cwd: string;
  env: Record<string, string>;
  stdoutPath?: string;
}): Promise<ServerProcess> =>
  startServer({
    name: options.name,
    args: [...SHELF_NODE_FLAGS, SHELF_ENTRY],
    cwd: options.cwd,
    env: options.env,
    port: options.port,
    ...(options.stdoutPath === undefined ? {} : { stdoutPath: options.stdoutPath }),
  });

const jsonHeaders = { 'content-type': 'application/json', origin: BENCH_ORIGIN };

/** Logs in and returns an access token; throws with the response when that fails. */
export const login = async (url: string, username: string, password: string): Promise<string> => {
  const response = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: jsonHeaders,
    body: JSON.stringify({ username, password }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`login as ${username}: ${response.status} ${text}`);
  return (JSON.parse(text) as { access_token: string }).access_token;
};

/** Logs in, registering the account first if it does not exist (a database seeded elsewhere). */
export const loginOrRegister = async (
  url: string,
  username: string,
  password: string,
): Promise<string> => {
  try {
    return await login(url, username, password);
  } catch {
    const response = await fetch(`${url}/auth/register`, {
      method: 'POST',
      headers: jsonHeaders,
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) {
      throw new Error(
        `register ${username}: ${response.status} ${await response.text()} (is ALLOW_REGISTRATION off?)`,
      );
    }
    return login(url, username, password);
  }
};

/** The body of one synthetic book; `{n}` is made unique by the load generator. */
export const BOOK_BODY_TEMPLATE = JSON.stringify({
  title: 'Benchmark volume {n}',
  author: 'Ada Bench',
  published_year: 1999,
  tags: ['bench', 'load'],
});

/** Creates `count` books through the API, `concurrency` at a time; returns their ids. */
export const createBooks = async (
  url: string,
  token: string,
  count: number,
  concurrency = 8,
): Promise<string[]> => {
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const response = await fetch(`${url}/api/books`, {
        method: 'POST',
        headers: { ...jsonHeaders, authorization: `Bearer ${token}` },
        body: JSON.stringify({
          title: `Seed book ${n} of ${count}`,
          author: `Author ${n % 97}`,
          published_year: 1800 + (n % 220),
          tags: [`t${n % 50}`, ...(n % 3 === 0 ? ['classic'] : [])],
        }),
      });
      const text = await response.text();
      if (response.status !== 201) throw new Error(`POST /api/books: ${response.status} ${text}`);
      ids.push((JSON.parse(text) as { id: string }).id);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
};
