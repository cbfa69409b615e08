import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../logger.js';
import { createRestartBackoff, type RestartBackoff } from './restart-backoff.js';

/** The primary's workers: kept at `size`, replaced with backoff when they crash, stopped together. */
export interface WorkerPool {
  /**
   * SIGTERMs every worker (each drains its requests) and resolves once all have exited: true, or
   * false if some had to be killed after `timeoutMs`. Crashed workers are no longer replaced.
   */
  stop(timeoutMs: number): Promise<boolean>;
}

export interface WorkerPoolOptions {
  size: number;
  /** Added to each worker's environment. */
  env: Record<string, string>;
  logger: Logger;
  /** Called once, when every first-generation worker is listening, with the port they share. */
  onListening: (port: number) => void;
  backoff?: RestartBackoff;
}

/** Forks `size` workers running this same entry point; see {@link WorkerPool}. */
export const startWorkerPool = ({
  size,
  env,
  logger,
  onListening,
  backoff = createRestartBackoff(),
}: WorkerPoolOptions): WorkerPool => {
  const startedAt = new Map<Worker, number>();
  const restartTimers = new Set<NodeJS.Timeout>();
  let listeningCount = 0;
  let isStopping = false;
  let onAllExited: (() => void) | undefined;

  const fork = () => startedAt.set(cluster.fork(env), Date.now());

  cluster.on('listening', (worker, address) => {
    logger.info({ workerPid: worker.process.pid }, `worker ${worker.process.pid ?? '?'} listening`);
    listeningCount += 1;
    if (listeningCount === size) onListening(address.port);
  });

  cluster.on('exit', (worker, code, signal) => {
    const uptimeMs = Date.now() - (startedAt.get(worker) ?? Date.now());
    startedAt.delete(worker);
    const workerPid = worker.process.pid;
    if (isStopping) {
      logger.info({ workerPid, code, signal }, `worker ${workerPid ?? '?'} stopped`);
      if (startedAt.size === 0) onAllExited?.();
      return;
    }
    const delayMs = backoff.delayAfterCrash(uptimeMs);
    logger.error(
      { workerPid, code, signal, uptimeMs, restartInMs: delayMs },
      `worker ${workerPid ?? '?'} exited unexpectedly; replacing it in ${delayMs} ms`,
    );
    const timer = setTimeout(() => {
      restartTimers.delete(timer);
      if (!isStopping) fork();
    }, delayMs);
    restartTimers.add(timer);
  });

  for (let slot = 0; slot < size; slot++) fork();

  return {
    stop(timeoutMs) {
      isStopping = true;
      for (const timer of restartTimers) clearTimeout(timer);
      restartTimers.clear();
      return new Promise<boolean>((resolve) => {
        if (startedAt.size === 0) {
          resolve(true);
          return;
        }
        const deadline = setTimeout(() => {
          for (const worker of startedAt.keys()) worker.process.kill('SIGKILL');
          resolve(false);
        }, timeoutMs);
        onAllExited = () => {
          clearTimeout(deadline);
          resolve(true);
        };
        // Not worker.kill(): that disconnects first, and node:cluster then closes the server without
        // sweeping idle keep-alive sockets. SIGTERM runs the worker's own graceful shutdown.
        for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
      });
    },
  };
};
