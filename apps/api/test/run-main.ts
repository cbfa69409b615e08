import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = join(import.meta.dirname, '..', 'src', 'main.ts');
const TSX_LOADER = import.meta.resolve('tsx');

/** Polls `check` every 50 ms until it returns a value other than undefined, or fails after `timeoutMs`. */
export const waitUntil = async <T>(
  check: () => T | undefined,
  describe: () => string,
  timeoutMs = 15_000,
): Promise<T> => {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * Runs the real entry point (through tsx), or another `script` with its `args`, and collects its
 * output until it exits or `until` matches.
 */
export const runMain = (env: Record<string, string>, script = MAIN, args: string[] = []) => {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, script, ...args], {
    // An empty working directory: no developer's .env is loaded.
    cwd: mkdtempSync(join(tmpdir(), 'shelf-process-cwd-')),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, timeoutMs = 15_000) =>
    waitUntil(
      () => pattern.exec(output) ?? undefined,
      () => `waiting for ${pattern}; output:\n${output}`,
      timeoutMs,
    );
  return { child, exited, waitFor, output: () => output };
};
