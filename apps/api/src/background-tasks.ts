import type { Logger } from './logger.js';

/**
 * Work a request starts but does not wait for (looking an address up and sending its email after
 * the response, so the response tells nothing by its timing). A failure is logged, never thrown;
 * closing the server waits for what is still running before the database closes.
 */
export interface BackgroundTasks {
  /** Starts `task` now; `name` labels its failure in the log. */
  run(name: string, task: () => Promise<void>): void;
  /** Resolves once every task started so far has finished. */
  settled(): Promise<void>;
}

export const createBackgroundTasks = (logger: Logger): BackgroundTasks => {
  const running = new Set<Promise<void>>();
  return {
    run(name, task) {
      const promise = Promise.resolve()
        .then(task)
        .catch((error: unknown) => logger.error({ err: error, task: name }, `${name} failed`))
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    async settled() {
      while (running.size > 0) await Promise.all(running);
    },
  };
};
