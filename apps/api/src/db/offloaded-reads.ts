/**
 * Reads that may take long (substring searches) on SQLite: better-sqlite3 is synchronous, so they
 * run on a read-only connection in a worker thread, where they cannot freeze the event loop. WAL
 * lets it read while the main connection writes, and it sees every committed write.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CompiledQuery } from 'kysely';
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

/** The worker's code: CommonJS evaluated in the thread, so it needs no build step of its own. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    parentPort.postMessage({ id, rows: statement.all(parameters) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

interface Reply {
  id: number;
  rows?: unknown[];
  error?: { message: string; code?: string };
}

interface Pending {
  resolve(rows: unknown[]): void;
  reject(error: Error): void;
}

const isReply = (message: unknown): message is Reply =>
  typeof message === 'object' && message !== null && 'id' in message;

/** Reads on a read-only connection to the SQLite file at `path`, in one worker thread. */
export const workerReads = (path: string): ReadRunner => {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let worker: Worker | undefined;
  let isClosed = false;

  const failAll = (error: Error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };

  const start = (): Worker => {
    const started = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, path },
      // It holds a page of rows at a time: a small heap keeps the process's memory down.
      resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 },
    });
    started.unref();
    started.on('message', (message: unknown) => {
      if (!isReply(message)) return;
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (waiting === undefined) return;
      if (message.error !== undefined) {
        waiting.reject(
          Object.assign(new Error(message.error.message), { code: message.error.code }),
        );
      } else {
        waiting.resolve(message.rows ?? []);
      }
    });
    // Only the current worker's end fails what is pending: a replacement's reads are its own.
    started.on('error', (error) => {
      if (worker !== started) return;
      failAll(error);
      worker = undefined;
    });
    started.on('exit', () => {
      if (worker !== started) return;
      failAll(new Error('The read worker stopped'));
      worker = undefined;
    });
    return started;
  };

  return {
    all<Row>(query: CompiledQuery<Row>): Promise<Row[]> {
      if (isClosed) return Promise.reject(new Error('The database is closed'));
      if (pending.size >= MAX_QUEUED) return Promise.reject(new ReadQueueFullError());
      worker ??= start();
      const id = nextId++;
      const { sql, parameters } = query;
      return new Promise<Row[]>((resolve, reject) => {
        pending.set(id, { resolve: (rows) => resolve(rows as Row[]), reject });
        worker?.postMessage({ id, sql, parameters });
      });
    },
    async close() {
      isClosed = true;
      const running = worker;
      worker = undefined;
      failAll(new Error('The database is closed'));
      if (running !== undefined) await running.terminate();
    },
  };
};
