/**
 * SQLite's WAL checkpoints, off the event loop. By default the connection that commits copies the
 * WAL back into the database file itself, and syncs both files, whenever the WAL passes 1,000 pages:
 * about a third of a busy writer's time, spent with the event loop stopped. Instead, a worker
 * thread with a connection of its own runs a PASSIVE checkpoint (it waits for nobody and blocks
 * nobody) twice a second; the main connection checkpoints by itself only past BACKSTOP_PAGES, should
 * the thread fall behind or stop. Durability is unchanged: a commit is in the WAL before it is
 * acknowledged, and a checkpoint only moves it.
 */
import { createRequire } from 'node:module';
import { workerCalls } from '../process/worker-calls.js';

const INTERVAL_MS = 500;

/** WAL pages (4 KiB each) past which the committing connection checkpoints after all. */
export const BACKSTOP_PAGES = 10_000;

/** Runs in the thread: one read-write connection, used for nothing but checkpoints. */
const WORKER_SOURCE = `
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
answerEach(() => db.pragma('wal_checkpoint(PASSIVE)')[0]);
`;

export interface BackgroundCheckpoints {
  close(): Promise<void>;
}

/** Starts checkpointing the SQLite file at `path` (in WAL mode) from a worker thread. */
export const backgroundCheckpoints = (path: string): BackgroundCheckpoints => {
  const checkpoints = workerCalls<undefined, unknown>({
    source: WORKER_SOURCE,
    workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), path },
    resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 },
  });
  let isRunning = false;
  const timer = setInterval(() => {
    if (isRunning) return;
    isRunning = true;
    // A checkpoint that fails (the file is busy, closing) loses nothing: the next one, or the
    // backstop, moves the same pages.
    checkpoints
      .call(undefined)
      .catch(() => undefined)
      .finally(() => {
        isRunning = false;
      });
  }, INTERVAL_MS);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await checkpoints.close();
    },
  };
};
