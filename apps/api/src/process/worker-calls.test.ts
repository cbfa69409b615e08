import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { workerCalls, type WorkerCalls } from './worker-calls.js';

const ECHO = `answerEach((request) => {
  if (request.fail) throw Object.assign(new Error('refused: ' + request.value), { code: 'E_REFUSED' });
  if (request.exit) process.exit(1);
  return { value: request.value, tag: workerData.tag };
});`;

interface Echo {
  value: number;
  fail?: boolean;
  exit?: boolean;
}

let calls: WorkerCalls<Echo, { value: number; tag: string }> | undefined;

afterEach(async () => {
  await calls?.close();
  calls = undefined;
});

describe('workerCalls', () => {
  it('answers each call with its own result, in any order of arrival', async () => {
    const echo = workerCalls<Echo, { value: number; tag: string }>({
      source: ECHO,
      workerData: { tag: 't' },
    });
    calls = echo;
    const answers = await Promise.all([1, 2, 3].map((value) => echo.call({ value })));
    expect(answers).toEqual([1, 2, 3].map((value) => ({ value, tag: 't' })));
  });

  it("rejects a call that threw in the thread with the thread's message and code", async () => {
    calls = workerCalls({ source: ECHO, workerData: { tag: 't' } });
    await expect(calls.call({ value: 7, fail: true })).rejects.toMatchObject({
      message: 'refused: 7',
      code: 'E_REFUSED',
    });
    await expect(calls.call({ value: 8 })).resolves.toEqual({ value: 8, tag: 't' });
  });

  it('refuses calls past maxQueued with queueFull(), and serves again once they are answered', async () => {
    calls = workerCalls({
      source: ECHO,
      workerData: { tag: 't' },
      maxQueued: 2,
      queueFull: () => new Error('queue full'),
    });
    const first = calls.call({ value: 1 });
    const second = calls.call({ value: 2 });
    await expect(calls.call({ value: 3 })).rejects.toThrow('queue full');
    await Promise.all([first, second]);
    await expect(calls.call({ value: 4 })).resolves.toEqual({ value: 4, tag: 't' });
  });

  it('fails what the thread was running when it stops, and starts a new one for the next call', async () => {
    calls = workerCalls({ source: ECHO, workerData: { tag: 't' } });
    await expect(calls.call({ value: 1, exit: true })).rejects.toThrow('The worker thread stopped');
    await expect(calls.call({ value: 2 })).resolves.toEqual({ value: 2, tag: 't' });
  });

  it('fails every later call once closed', async () => {
    calls = workerCalls({ source: ECHO, workerData: { tag: 't' } });
    await calls.call({ value: 1 });
    await calls.close();
    await expect(calls.call({ value: 2 })).rejects.toThrow('The worker thread is closed');
  });

  it('never keeps the process alive: a script that used the thread exits by itself', () => {
    const module = fileURLToPath(new URL('./worker-calls.ts', import.meta.url));
    const script = `
      const { workerCalls } = await import(${JSON.stringify(module)});
      const calls = workerCalls({ source: 'answerEach((request) => request * 2);', workerData: null });
      console.log(await calls.call(21));`;
    const folder = mkdtempSync(join(tmpdir(), 'shelf-worker-calls-'));
    const path = join(folder, 'script.mjs');
    writeFileSync(path, script);
    const run = spawnSync(process.execPath, ['--import', 'tsx', path], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    rmSync(folder, { recursive: true, force: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('42');
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
  });
});
