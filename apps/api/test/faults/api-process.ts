import { runMain } from '../run-main.js';

const JWT_SECRET = 'fault-test-secret-that-is-at-least-32-bytes';
const PASSWORD = 'correct horse battery';

/** The real API process (src/main.ts) on a free port, started by `runMain`, with the URL it printed. */
export type ApiProcess = ReturnType<typeof runMain> & { url: string };

/**
 * Starts main.ts on `databaseUrl` (migrating it if needed) and waits for it to listen. Logs at
 * `info`: the tests read the listening and shutdown lines.
 */
export const startApiProcess = async (
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ApiProcess> => {
  const run = runMain({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    LOG_LEVEL: 'info',
    SEED_DEMO_DATA: 'false',
    LOGIN_RATE_LIMIT: '1000',
    ...env,
  });
  try {
    const match = await run.waitFor(/listening on (http:\/\/[\d.]+:\d+)/, 20_000);
    return { ...run, url: match[1] ?? '' };
  } catch (error) {
    run.child.kill('SIGKILL');
    throw error;
  }
};

/** Kills the process if it still runs (test clean-up) and waits for it to exit. */
export const stopApiProcess = async (api: ApiProcess | undefined): Promise<void> => {
  if (api === undefined) return;
  if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGKILL');
  await api.exited;
};

const postJson = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });

/** Logs `username` in through the API; returns the Authorization header value. */
export const logIn = async (url: string, username: string): Promise<string> => {
  const response = await postJson(`${url}/auth/login`, { username, password: PASSWORD });
  if (response.status !== 200) {
    throw new Error(`login failed: ${response.status} ${await response.text()}`);
  }
  const { access_token: token } = (await response.json()) as { access_token: string };
  return `Bearer ${token}`;
};

/** Registers `username` through the API and logs them in; returns the Authorization header value. */
export const signUp = async (url: string, username: string): Promise<string> => {
  const response = await postJson(`${url}/auth/register`, { username, password: PASSWORD });
  if (response.status !== 201) {
    throw new Error(`registration failed: ${response.status} ${await response.text()}`);
  }
  return logIn(url, username);
};
