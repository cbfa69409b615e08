/**
 * Calls answered by one worker thread running a snippet of CommonJS (evaluated in the thread, so it
 * needs no build step of its own and runs the same from `src` under tsx and from `dist`).
 *
 * The snippet receives `{ id, request }` messages and must answer each with `{ id, result }` or
 * `{ id, error: { message, code? } }`; `answerEach` below writes that loop for it. The thread starts
 * on the first call, keeps the process alive only while a call waits for it (like any pending I/O),
 * and is started again after it stops; a stop
 * fails only the calls it was running.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';

export interface WorkerCallsOptions {
  /**
   * CommonJS run in the thread with `parentPort` and `workerData` in scope. It defines
   * `answer(request)` (returning the result, or throwing) and ends with `answerEach(answer)`.
   */
  source: string;
  /** Handed to the snippet as `workerData`: structured-cloneable values only. */
  workerData: unknown;
  /** Calls waiting at most before new ones fail with `queueFull()`; unbounded by default. */
  maxQueued?: number;
  queueFull?: () => Error;
  resourceLimits?: ResourceLimits;
}

/** A function that sends `request` to the thread and resolves with its answer. */
export interface WorkerCalls<Request, Result> {
  call(request: Request): Promise<Result>;
  /** Fails what is waiting and stops the thread; later calls fail. */
  close(): Promise<void>;
}

/** Defines `answerEach(answer)` for the snippet: one reply per message, errors included. */
const PRELUDE = `
const { parentPort, workerData } = require('node:worker_threads');
const answerEach = (answer) => parentPort.on('message', ({ id, request }) => {
  try {
    parentPort.postMessage({ id, result: answer(request) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

interface Reply {
  id: number;
  result?: unknown;
  error?: { message: string; code?: string };
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

const isReply = (message: unknown): message is Reply =>
  typeof message === 'object' && message !== null && 'id' in message;

/** Starts nothing yet: the thread starts on the first call. */
export const workerCalls = <Request, Result>(
  options: WorkerCallsOptions,
): WorkerCalls<Request, Result> => {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let worker: Worker | undefined;
  let isClosed = false;

  const failAll = (error: Error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };

  const start = (): Worker => {
    const started = new Worker(PRELUDE + options.source, {
      eval: true,
      workerData: options.workerData,
      ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
    });
    started.on('message', (message: unknown) => {
      if (!isReply(message)) return;
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (pending.size === 0) started.unref();
      if (waiting === undefined) return;
      if (message.error === undefined) {
        waiting.resolve(message.result);
      } else {
        waiting.reject(
          Object.assign(new Error(message.error.message), { code: message.error.code }),
        );
      }
    });
    // Only the current thread's end fails what is pending: a replacement's calls are its own.
    started.on('error', (error) => {
      if (worker !== started) return;
      failAll(error);
      worker = undefined;
    });
    started.on('exit', () => {
      if (worker !== started) return;
      failAll(new Error('The worker thread stopped'));
      worker = undefined;
    });
    return started;
  };

  return {
    call(request) {
      if (isClosed) return Promise.reject(new Error('The worker thread is closed'));
      if (pending.size >= (options.maxQueued ?? Infinity)) {
        return Promise.reject(options.queueFull?.() ?? new Error('Too many calls are waiting'));
      }
      worker ??= start();
      const running = worker;
      const id = nextId++;
      return new Promise<Result>((resolve, reject) => {
        // Referenced while calls wait (a script awaiting one must not exit), idle otherwise. After
        // the listeners: adding a 'message' listener references the thread's port again.
        if (pending.size === 0) running.ref();
        pending.set(id, { resolve: (result) => resolve(result as Result), reject });
        running.postMessage({ id, request });
      });
    },
    async close() {
      isClosed = true;
      const running = worker;
      worker = undefined;
      failAll(new Error('The worker thread is closed'));
      if (running !== undefined) await running.terminate();
    },
  };
};
