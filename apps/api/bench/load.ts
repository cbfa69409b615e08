/**
 * The load generator, always in a process of its own so it never shares an event loop with a server:
 * `wrk` (Debian's package) when it is on the PATH, otherwise autocannon in a child node process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_DIR } from './processes.js';

/** One load run: a fixed request (or a body template made unique per request) for a duration. */
export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Request body; every `{n}` is replaced by a number unique within the run. */
  bodyTemplate?: string;
  connections: number;
  durationSeconds: number;
}

/** What a load run measured. Latencies in milliseconds. */
export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses with a status of 400 or more (wrk counts those; 3xx never occur here). */
  non2xx: number;
  /** Connect, read, write errors and timeouts. */
  socketErrors: number;
}

export type LoadTool = 'wrk' | 'autocannon';

/** `wrk` when installed, else autocannon; `preferred` forces one. */
export const chooseLoadTool = (preferred?: string): LoadTool => {
  if (preferred === 'autocannon') return 'autocannon';
  const hasWrk = spawnSync('wrk', ['--version']).error === undefined;
  if (preferred === 'wrk' && !hasWrk) throw new Error('--load=wrk: wrk is not on the PATH');
  return hasWrk ? 'wrk' : 'autocannon';
};

const RESULT_MARKER = 'BENCH_RESULT ';

const luaString = (text: string) => JSON.stringify(text);

/**
 * The wrk script: headers, a unique body per request when templated, and a `done` hook printing
 * exact figures as JSON (wrk's own summary rounds them).
 */
const wrkScript = (spec: LoadSpec): string => {
  const lines = [`wrk.method = ${luaString(spec.method)}`];
  for (const [name, value] of Object.entries(spec.headers)) {
    lines.push(`wrk.headers[${luaString(name)}] = ${luaString(value)}`);
  }
  if (spec.bodyTemplate !== undefined) {
    const [before, ...rest] = spec.bodyTemplate.split('{n}');
    lines.push(
      'local counter = 0',
      'local parts = {' + [before ?? '', ...rest].map(luaString).join(', ') + '}',
      // Unique across runs and threads: wrk seeds math.random per thread.
      'local prefix = tostring(os.time()) .. "-" .. tostring(math.random(1, 1000000000))',
      'request = function()',
      '  counter = counter + 1',
      '  local id = prefix .. "-" .. counter',
      '  local body = parts[1]',
      '  for i = 2, #parts do body = body .. id .. parts[i] end',
      '  return wrk.format(nil, nil, nil, body)',
      'end',
    );
  }
  lines.push(
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    `  io.write(string.format('${RESULT_MARKER}{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"status":%d,"socket":%d}\\n',`,
    '    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),',
    '    e.status, e.connect + e.read + e.write + e.timeout))',
    'end',
  );
  return `${lines.join('\n')}\n`;
};

interface WrkFigures {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  status: number;
  socket: number;
}

interface ChildOutput {
  stdout: string;
  stderr: string;
  code: number | null;
}

const runChild = (command: string, args: string[]): Promise<ChildOutput> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: API_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ stdout, stderr, code }));
  });

const resultLine = (output: ChildOutput, tool: string): string => {
  const line = output.stdout.split('\n').find((candidate) => candidate.startsWith(RESULT_MARKER));
  if (line === undefined) {
    throw new Error(`${tool} printed no result (exit ${output.code}):\n${output.stderr}`);
  }
  return line.slice(RESULT_MARKER.length);
};

let scriptCounter = 0;

const runWrk = async (spec: LoadSpec, workDir: string): Promise<LoadResult> => {
  const scriptPath = join(workDir, `load-${process.pid}-${scriptCounter++}.lua`);
  writeFileSync(scriptPath, wrkScript(spec));
  const output = await runChild('wrk', [
    '-t1',
    `-c${spec.connections}`,
    `-d${spec.durationSeconds}s`,
    '--timeout',
    '10s',
    '-s',
    scriptPath,
    spec.url,
  ]);
  const figures = JSON.parse(resultLine(output, 'wrk')) as WrkFigures;
  return {
    requests: figures.requests,
    requestsPerSecond: figures.requests / (figures.durationUs / 1e6),
    p50Ms: figures.p50Us / 1000,
    p99Ms: figures.p99Us / 1000,
    non2xx: figures.status,
    socketErrors: figures.socket,
  };
};

const runAutocannon = async (spec: LoadSpec): Promise<LoadResult> => {
  const output = await runChild(process.execPath, [
    '--import',
    'tsx',
    join(API_DIR, 'bench', 'autocannon-child.ts'),
    JSON.stringify(spec),
  ]);
  return JSON.parse(resultLine(output, 'autocannon')) as LoadResult;
};

/** Runs one load in a child process and returns its figures. `workDir` holds wrk's script. */
export const runLoad = (tool: LoadTool, spec: LoadSpec, workDir: string): Promise<LoadResult> =>
  tool === 'wrk' ? runWrk(spec, workDir) : runAutocannon(spec);

/** The marker autocannon-child.ts prints before its JSON result. */
export const LOAD_RESULT_MARKER = RESULT_MARKER;
