import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, parseConfig, startServer, type RunningServer } from '@shelf/api';

/** A fresh Shelf API in this process, on an ephemeral port, with its own SQLite file. */
export const startApi = async (
  env: Record<string, string> = {},
): Promise<RunningServer & { stop(): Promise<void> }> => {
  const dir = mkdtempSync(join(tmpdir(), 'shelf-openapi-consumer-'));
  const config = parseConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, 'shelf.db')}`,
    JWT_SECRET: 'openapi-consumer-secret-at-least-32-bytes-long',
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
