import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../run-main.js';

const CRASH_ON_PURPOSE = join(import.meta.dirname, 'crash-on-purpose.ts');

interface LogLine {
  level?: number;
  msg?: string;
  err?: { type?: string; message?: string; stack?: string };
}

const fatalLines = (output: string): LogLine[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine)
    .filter((line) => line.level === 60);

/** Runs the script until it exits, or kills it after 15 s (the handler failed to end it). */
const crash = async (fault: 'rejection' | 'exception') => {
  const run = runMain({}, CRASH_ON_PURPOSE, [fault]);
  const timeout = setTimeout(() => run.child.kill('SIGKILL'), 15_000);
  try {
    return { code: await run.exited, output: run.output() };
  } finally {
    clearTimeout(timeout);
  }
};

describe('process-level failures (exitOnFatalErrors, installed by main.ts)', () => {
  it('logs an unhandled promise rejection at fatal with the error and exits 1', async () => {
    const { code, output } = await crash('rejection');
    expect(output).toContain('"msg":"armed"');
    expect(code).toBe(1);
    const [line, ...more] = fatalLines(output);
    expect(more).toEqual([]);
    expect(line?.msg).toBe('unhandled promise rejection; exiting');
    expect(line?.err?.message).toBe('a promise nobody awaited failed');
    expect(line?.err?.stack).toContain('crash-on-purpose.ts');
  }, 20_000);

  it('logs an uncaught exception at fatal with the error and exits 1', async () => {
    const { code, output } = await crash('exception');
    expect(output).toContain('"msg":"armed"');
    expect(code).toBe(1);
    const [line, ...more] = fatalLines(output);
    expect(more).toEqual([]);
    expect(line?.msg).toBe('uncaught exception; exiting');
    expect(line?.err?.message).toBe('a timer callback threw');
    expect(line?.err?.stack).toContain('crash-on-purpose.ts');
  }, 20_000);
});
