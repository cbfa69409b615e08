import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, parseConfig, startServer, type RunningServer } from '@shelf/api';

/** The real Shelf API in this process, on an ephemeral port, with its own SQLite file and demo data. */
export const startApi = async (
  env: Record<string, string> = {},
): Promise<RunningServer & { stop(): Promise<void> }> => {
  const dir = mkdtempSync(join(tmpdir(), 'shelf-client-test-'));
  const config = parseConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, 'shelf.db')}`,
    JWT_SECRET: 'client-test-secret-at-least-32-bytes-long',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '1000',
    ...env,
  });
  const running = await startServer({ config, logger: createLogger(config.logLevel) });
  return {
    ...running,
    async stop() {
      await running.close(1000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** A fetch that records every call (method and path) before making it for real. */
export const recordingFetch = () => {
  const calls: string[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    calls.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    return fetch(input, init);
  };
  return {
    calls,
    fetch: fetchImpl,
    count: (call: string) => calls.filter((made) => made === call).length,
  };
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
