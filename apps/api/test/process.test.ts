import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from './run-main.js';

/** A real API process's environment on a fresh SQLite file at `path` in a temporary folder, removed afterwards. */
const withSqliteProcess = async (
  path: string[],
  test: (env: Record<string, string>) => Promise<void>,
): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'shelf-process-test-'));
  try {
    await test({
      PORT: '0',
      DATABASE_URL: `sqlite:${join(dir, ...path)}`,
      JWT_SECRET: 'process-test-secret-at-least-32-bytes',
      LOG_LEVEL: 'info',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('the API process', () => {
  it('refuses to start with invalid configuration and names the variable', async () => {
    const run = runMain({ NODE_ENV: 'production', PORT: '0' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('JWT_SECRET: required in production');
  });

  it('migrates, serves, and shuts down gracefully on SIGTERM', async () => {
    await withSqliteProcess(['nested', 'shelf.db'], async (env) => {
      const run = runMain({ ...env });
      const match = await run.waitFor(/listening on (http:\/\/[\d.]+:\d+)/);
      const url = match[1] ?? '';
      const response = await fetch(`${url}/health/ready`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });

      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('"msg":"stopped"');
    });
  });

  it('finishes a request in flight when SIGTERM arrives, and refuses new connections', async () => {
    await withSqliteProcess(['shelf.db'], async (env) => {
      const run = runMain({ ...env });
      const url = new URL((await run.waitFor(/listening on (http:\/\/[\d.]+:\d+)/))[1] ?? '');
      const login = await fetch(`${url.origin}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'alice', password: 'secret123' }),
      });
      const { access_token: token } = (await login.json()) as { access_token: string };

      const body = JSON.stringify({ title: 'Written during shutdown', author: 'Drain' });
      const inFlight = request(url, {
        method: 'POST',
        path: '/api/books',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      });
      const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
        inFlight.on('response', (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        });
        inFlight.on('error', reject);
      });
      // Headers and part of the body have reached the server's socket: the request is in flight.
      await new Promise<void>((resolve, reject) =>
        inFlight.write(body.slice(0, 10), (error) => (error ? reject(error) : resolve())),
      );

      run.child.kill('SIGTERM');
      await run.waitFor(/shutting down/);
      await expect(fetch(`${url.origin}/health`)).rejects.toThrow();

      inFlight.end(body.slice(10));
      const response = await answered;
      expect(response.status).toBe(201);
      expect(JSON.parse(response.text)).toMatchObject({ title: 'Written during shutdown' });
      expect(await run.exited).toBe(0);
    });
  });

  it('drains and exits 0 when Ctrl-C sends SIGINT twice (terminal, then pnpm or a launcher)', async () => {
    await withSqliteProcess(['shelf.db'], async (env) => {
      const run = runMain({ ...env });
      const url = new URL((await run.waitFor(/listening on (http:\/\/[\d.]+:\d+)/))[1] ?? '');
      // A login whose body is half sent keeps the drain going while the second SIGINT arrives.
      const body = JSON.stringify({ username: 'alice', password: 'secret123' });
      const inFlight = request(url, {
        method: 'POST',
        path: '/auth/login',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      const status = new Promise<number>((resolve, reject) => {
        inFlight.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        inFlight.on('error', reject);
      });
      await new Promise<void>((resolve, reject) =>
        inFlight.write(body.slice(0, 10), (error) => (error ? reject(error) : resolve())),
      );

      run.child.kill('SIGINT');
      await run.waitFor(/shutting down/);
      run.child.kill('SIGINT');
      inFlight.end(body.slice(10));
      expect(await status).toBe(200);
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('"msg":"stopped"');
    });
  });

  it('writes readable lines with LOG_FORMAT=pretty, flushed before it exits', async () => {
    await withSqliteProcess(['shelf.db'], async (env) => {
      const run = runMain({ ...env, LOG_FORMAT: 'pretty' });
      const url = (await run.waitFor(/listening on (http:\/\/[\d.]+:\d+)/))[1] ?? '';
      await fetch(`${url}/health`);
      await run.waitFor(/request completed: GET \/health → 200 in \d+ ms/);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      // eslint-disable-next-line no-control-regex -- colours are escape sequences
      const plain = run.output().replace(/\x1b\[[\d;]*m/g, '');
      expect(plain).toMatch(/INFO: stopped/);
      expect(plain).not.toContain('{"level"');
    });
  });
});
