/**
 * Servers under test, each in a process of its own: started, waited for until `/health` answers,
 * sampled for memory, stopped. Output is discarded (Shelf's access log still gets written, to
 * /dev/null); the last lines of stderr are kept to explain a failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** apps/api, the working directory of every child. */
export const API_DIR = join(import.meta.dirname, '..');

/** `node dist/main.js`: the built Shelf, as `pnpm start` runs it. */
export const SHELF_ENTRY = join(API_DIR, 'dist', 'main.js');

/**
 * The V8 flags `pnpm start` gives Shelf (apps/api package.json, scripts/run-all.mjs): a young
 * generation of 2 × 8 MB instead of V8's 2 × 16 MB, 30 MB less resident at no measured latency cost.
 */
export const SHELF_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

/** A server listening on a loopback port. */
export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first `/health` 200. */
  startMs: number;
  /** The last stderr output, for error messages. */
  stderrTail(): string;
  /** True while the process has not exited. */
  isRunning(): boolean;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  /** Arguments after `node`: an entry file, or `--import tsx file.ts`. */
  args: string[];
  env: Record<string, string>;
  port: number;
  /** Working directory; Shelf runs in an empty one so no `.env` file leaks into the measurement. */
  cwd?: string;
  /** Where stdout goes (Shelf's pino log); /dev/null unless given. */
  stdoutPath?: string;
  timeoutMs?: number;
}

const STDERR_TAIL_BYTES = 4000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isHealthy = async (url: string): Promise<boolean> => {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
};

const waitForExit = (child: ChildProcess, timeoutMs: number): Promise<boolean> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(true);
      return;
    }
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

/** Spawns `node …args` and resolves once `/health` answers 200; rejects with its stderr if it exits. */
export const startServer = async (options: StartOptions): Promise<ServerProcess> => {
  const url = `http://127.0.0.1:${options.port}`;
  const started = performance.now();
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd ?? API_DIR,
    env: { PATH: process.env.PATH ?? '', ...options.env, PORT: String(options.port) },
    stdio: ['ignore', openSync(options.stdoutPath ?? '/dev/null', 'a'), 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name}: could not spawn node`);

  const isRunning = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (!isRunning()) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 15_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5000);
    }
  };

  const deadline = started + (options.timeoutMs ?? 60_000);
  while (performance.now() < deadline) {
    if (!isRunning()) {
      throw new Error(`${options.name} exited with code ${child.exitCode}:\n${stderr.trim()}`);
    }
    if (await isHealthy(url)) {
      return {
        name: options.name,
        url,
        pid,
        startMs: performance.now() - started,
        stderrTail: () => stderr.trim(),
        isRunning,
        stop,
      };
    }
    await sleep(10);
  }
  await stop();
  throw new Error(`${options.name} did not answer ${url}/health in time:\n${stderr.trim()}`);
};

/** Resident memory of a process in MB, from /proc (Linux); undefined elsewhere. */
export const readRssMb = (pid: number): number | undefined => {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]) / 1024;
  } catch {
    return undefined;
  }
};

/** Resident memory of a process and all its descendants (cluster workers), in MB. */
export const readTreeRssMb = (pid: number): number | undefined => {
  const own = readRssMb(pid);
  if (own === undefined) return undefined;
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter((id) => id !== '')
      .map(Number);
  } catch {
    // no children file: count the process alone
  }
  return children.reduce((total, child) => total + (readTreeRssMb(child) ?? 0), own);
};

/** A TCP port free on loopback right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
