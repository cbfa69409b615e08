/**
 * `pnpm start` and `pnpm dev`: Shelf's processes side by side, each output line prefixed with the
 * process's name; when one stops on its own the others are stopped and its exit code is returned.
 * Ctrl-C stops them all and exits 0, so pnpm prints no ERR_PNPM/ELIFECYCLE banner. The package.json
 * scripts start it with `exec`: pnpm runs scripts through `sh -c`, dash dies of the SIGINT, and pnpm
 * reports a script killed by a signal as a failure; with `exec` this launcher is the script.
 *
 * Both also run a local mail catcher (maildev: SMTP on 127.0.0.1:1025, its inbox at
 * http://localhost:1080) and point the API at it, so password reset and email verification links
 * can be read in a browser; not when SMTP_URL is set, and not when either port is taken (said so,
 * and the API then logs its emails). The catcher is optional: its stopping stops nothing else.
 *
 *   node scripts/run-all.mjs start|dev
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { setTimeout } from 'node:timers';
import { parseEnv, styleText } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
/** How long processes may take to stop after Ctrl-C (the API drains for up to 10 s) before SIGKILL. */
const STOP_TIMEOUT_MS = 15_000;
const isTerminal = process.stdout.isTTY === true;

const bin = (dir, name) => join(ROOT, dir, 'node_modules', '.bin', name);
const prettyFlag = isTerminal ? ['--pretty'] : [];
/** `tsc --watch` that keeps earlier output, so errors stay on screen between rebuilds. */
const tscWatch = (project, ...flags) => ({
  command: bin('.', 'tsc'),
  args: ['-p', project, '--watch', '--preserveWatchOutput', ...prettyFlag, ...flags],
});

/** The same commands as the packages' own `start`/`dev` scripts, run directly: no pnpm in between. */
const PROCESSES = {
  start: [
    {
      name: 'api',
      color: 'blue',
      command: process.execPath,
      args: ['--max-semi-space-size=8', 'apps/api/dist/main.js'],
    },
    {
      name: 'web',
      color: 'magenta',
      command: bin('apps/web', 'vite'),
      args: ['preview', '--port', '5173', '--strictPort'],
      cwd: 'apps/web',
    },
  ],
  dev: [
    { name: 'contracts', color: 'cyan', ...tscWatch('packages/contracts/tsconfig.build.json') },
    { name: 'client', color: 'green', ...tscWatch('packages/client/tsconfig.build.json') },
    {
      name: 'api',
      color: 'blue',
      command: bin('.', 'tsx'),
      args: ['watch', '--clear-screen=false', 'apps/api/src/main.ts'],
    },
    {
      name: 'web',
      color: 'magenta',
      command: bin('apps/web', 'vite'),
      args: ['--port', '5173', '--strictPort'],
      cwd: 'apps/web',
    },
    // tsx and Vite strip types without checking them; these two report type errors as you save.
    { name: 'types:api', color: 'yellow', ...tscWatch('apps/api/tsconfig.json', '--noEmit') },
    { name: 'types:web', color: 'yellow', ...tscWatch('apps/web/tsconfig.json', '--noEmit') },
  ],
};

const MAIL_CATCHER = {
  smtpPort: 1025,
  webPort: 1080,
  spec: {
    name: 'mail',
    color: 'gray',
    command: bin('.', 'maildev'),
    args: ['--smtp', '1025', '--web', '1080', '--ip', '127.0.0.1', '--web-ip', '127.0.0.1'],
    isOptional: true,
  },
};

/** True when nothing listens on 127.0.0.1:`port` (checked by listening there for a moment). */
const isPortFree = (port) =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

const mode = process.argv[2];
const processes = PROCESSES[mode];
if (processes === undefined) {
  process.stderr.write(`usage: node scripts/run-all.mjs ${Object.keys(PROCESSES).join('|')}\n`);
  process.exit(2);
}

// Children write to pipes, not the terminal: tell them what they would have seen for themselves.
const childEnv = { ...process.env };
if (isTerminal) {
  childEnv.FORCE_COLOR ??= '1';
  if (process.env.NODE_ENV !== 'production') childEnv.LOG_FORMAT ??= 'pretty';
}

// The mail catcher, unless the API is told where to send email already (its environment or the
// .env file it reads).
const dotEnvPath = join(ROOT, '.env');
const dotEnv = existsSync(dotEnvPath) ? parseEnv(readFileSync(dotEnvPath, 'utf8')) : {};
if (!process.env.SMTP_URL && !dotEnv.SMTP_URL) {
  const { smtpPort, webPort, spec } = MAIL_CATCHER;
  const [isSmtpFree, isWebFree] = await Promise.all([isPortFree(smtpPort), isPortFree(webPort)]);
  if (isSmtpFree && isWebFree) {
    processes.push(spec);
    childEnv.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    process.stdout.write(
      `Emails the API sends (password reset, email verification): http://localhost:${webPort}\n`,
    );
  } else {
    const taken = [isSmtpFree ? undefined : smtpPort, isWebFree ? undefined : webPort]
      .filter((port) => port !== undefined)
      .join(' and ');
    process.stderr.write(
      `Mail catcher not started: port ${taken} is in use. The API logs its emails instead ` +
        `(set SMTP_URL to send them somewhere).\n`,
    );
  }
}

const width = Math.max(...processes.map(({ name }) => name.length));
const prefixOf = ({ name, color }) => {
  const label = name.padEnd(width);
  return `${isTerminal ? styleText(color, label) : label} | `;
};
const pipeLines = (stream, out, prefix) =>
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) =>
    out.write(`${prefix}${line}\n`),
  );

let isStopping = false;
let isInterrupted = false;
let exitCode = 0;
const running = new Set();

/** Signals each process once; SIGKILL goes to its whole group, so nothing it started survives. */
const stopAll = (signal) => {
  for (const { child } of running) {
    try {
      process.kill(signal === 'SIGKILL' ? -child.pid : child.pid, signal);
    } catch {
      // It has exited already.
    }
  }
};

/** A process stopped by Ctrl-C or by us may end by the signal or by the exit codes shells use for it. */
const isStopExit = (code, signal) =>
  signal !== null || code === 0 || code === 128 + 2 || code === 128 + 15;

for (const spec of processes) {
  const prefix = prefixOf(spec);
  const child = spawn(spec.command, spec.args, {
    cwd: join(ROOT, spec.cwd ?? '.'),
    env: childEnv,
    // stdin stays open: Vite's dev server stops when its stdin ends.
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, out of the terminal's reach: Ctrl-C reaches each process once, from
    // here. A second SIGINT makes `tsx watch` kill the API in the middle of its graceful shutdown.
    detached: true,
  });
  const entry = { spec, child };
  running.add(entry);
  pipeLines(child.stdout, process.stdout, prefix);
  pipeLines(child.stderr, process.stderr, prefix);
  child.on('error', (error) => process.stderr.write(`${prefix}${error.message}\n`));
  child.on('close', (code, signal) => {
    running.delete(entry);
    if (spec.isOptional === true && !isStopping) {
      process.stderr.write(`${prefix}exited with ${signal ?? `code ${code}`}; the rest runs on\n`);
      return;
    }
    if (!(isStopping && isStopExit(code, signal))) {
      process.stderr.write(`${prefix}exited with ${signal ?? `code ${code}`}\n`);
      if (exitCode === 0) exitCode = code === 0 || code === null ? 1 : code;
    }
    if (!isStopping) {
      isStopping = true;
      stopWithin('SIGTERM');
    }
    if (running.size === 0) process.exit(isInterrupted && exitCode === 0 ? 0 : exitCode);
  });
}

/** Sends `signal` to every process, and SIGKILL to what is still running after STOP_TIMEOUT_MS. */
function stopWithin(signal) {
  stopAll(signal);
  setTimeout(() => {
    for (const { spec } of running) process.stderr.write(`${prefixOf(spec)}did not stop; killed\n`);
    if (running.size > 0) exitCode = exitCode === 0 ? 1 : exitCode;
    stopAll('SIGKILL');
  }, STOP_TIMEOUT_MS).unref();
}

// Ctrl-C reaches this process from the terminal and again from pnpm: the first signal stops
// everything, repeats are ignored, and the timeout ends what hangs.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (isInterrupted) return;
    isInterrupted = true;
    isStopping = true;
    stopWithin(signal);
  });
}
