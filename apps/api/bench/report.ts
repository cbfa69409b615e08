/**
 * Shared by both runners: the machine a result came from, medians and percentiles, Markdown cells,
 * and writing results to bench/results.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { API_DIR } from './processes.js';
import type { LoadTool } from './load.js';

/** Where result files go; the final full run's files are committed. */
export const RESULTS_DIR = join(API_DIR, 'bench', 'results');

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  kernel: string;
  loadTool?: string;
  commit?: string;
}

const toolVersion = (tool: LoadTool): string => {
  if (tool === 'autocannon') return 'autocannon (child process)';
  const output = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  return (output.stdout || output.stderr).split('\n')[0]?.split(' [')[0]?.trim() ?? 'wrk';
};

const gitCommit = (): string | undefined => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: API_DIR,
      encoding: 'utf8',
    }).trim();
  } catch {
    return undefined;
  }
};

export const describeMachine = (tool?: LoadTool): Machine => {
  const commit = gitCommit();
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kernel: release(),
    ...(tool === undefined ? {} : { loadTool: toolVersion(tool) }),
    ...(commit === undefined ? {} : { commit }),
  };
};

export const machineLine = (machine: Machine): string =>
  `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, Linux ${machine.kernel}` +
  (machine.loadTool === undefined ? '' : `, load by ${machine.loadTool}`) +
  (machine.commit === undefined ? '' : `, commit ${machine.commit}`);

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
};

/** Nearest-rank percentile of `values` (0 < p <= 100). */
export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
};

export const formatNumber = (value: number | undefined, digits = 0): string =>
  value === undefined || Number.isNaN(value)
    ? 'n/a'
    : value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });

export const formatMs = (value: number | undefined): string =>
  formatNumber(value, value !== undefined && value < 10 ? 2 : 1);

export const formatRatio = (value: number | undefined): string =>
  value === undefined || Number.isNaN(value) ? 'n/a' : `${value.toFixed(2)}x`;

export const verdict = (isMet: boolean | undefined): string =>
  isMet === undefined ? 'n/a' : isMet ? 'met' : '**missed**';

/** A timestamp usable in a file name: 2026-11-25T12-00-00Z. */
export const fileTimestamp = (date = new Date()): string =>
  date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');

/** Writes `<stem>.json` and `<markdownName>` into bench/results; returns the JSON path. */
export const writeResults = (
  stem: string,
  json: unknown,
  markdownName: string,
  markdown: string,
): string => {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const jsonPath = join(RESULTS_DIR, `${stem}.json`);
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, markdownName), markdown);
  return jsonPath;
};

/** Prints a progress line to stderr, so stdout carries only the final table. */
export const progress = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
