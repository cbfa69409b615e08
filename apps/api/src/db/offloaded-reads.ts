/**
 * Reads that may take long (substring searches) on SQLite: better-sqlite3 is synchronous, so they
 * run on a read-only connection in a worker thread, where they cannot freeze the event loop. WAL
 * lets it read while the main connection writes, and it sees every committed write.
 */
import { createRequire } from 'node:module';
import type { CompiledQuery } from 'kysely';
import { workerCalls } from '../process/worker-calls.js';
import type { ReadRunner } from './read-runner.js';

/** Thrown when more reads are waiting than the worker should queue: the caller answers 503. */
export class ReadQueueFullError extends Error {
  constructor() {
    super('Too many searches are waiting');
    this.name = 'ReadQueueFullError';
  }
}

/** Reads waiting for the worker before new ones are refused. */
const MAX_QUEUED = 64;

/** Runs in the thread: one read-only connection, each statement prepared once. */
const WORKER_SOURCE = `
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
answerEach(({ sql, parameters }) => {
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement.all(parameters);
});
`;

interface Read {
  sql: string;
  parameters: readonly unknown[];
}

/** Reads on a read-only connection to the SQLite file at `path`, in one worker thread. */
export const workerReads = (path: string): ReadRunner => {
  const reads = workerCalls<Read, unknown[]>({
    source: WORKER_SOURCE,
    workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), path },
    maxQueued: MAX_QUEUED,
    queueFull: () => new ReadQueueFullError(),
    // It holds a page of rows at a time: a small heap keeps the process's memory down.
    resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 },
  });
  return {
    async all<Row>({ sql, parameters }: CompiledQuery<Row>): Promise<Row[]> {
      return (await reads.call({ sql, parameters })) as Row[];
    },
    close: () => reads.close(),
  };
};
