import type { Logger } from '../../logger.js';
import type { PurgeResult } from './housekeeping.service.js';

/** The first run waits this long (or one interval, if shorter): start-up and first requests first. */
const FIRST_RUN_DELAY_MS = 60_000;

export interface PurgeScheduler {
  /** Cancels the next run and stops one in progress between two batches; resolves once it ended. */
  stop(): Promise<void>;
}

const totalOf = (result: PurgeResult): number =>
  Object.values(result.deleted).reduce((sum, count) => sum + count, 0);

/**
 * Runs `purge` every `intervalMs` (none when 0), one run at a time: the next is scheduled when the
 * last one ends. The timer is unref'd, so it never keeps the process alive. A failing run is logged
 * at warn and the schedule goes on; nothing is thrown out of the timer. Runs that deleted rows are
 * logged at info, the others at debug.
 */
export const startPurgeScheduler = ({
  intervalMs,
  purge,
  logger,
}: {
  intervalMs: number;
  purge: (signal: AbortSignal) => Promise<PurgeResult>;
  logger: Logger;
}): PurgeScheduler => {
  if (intervalMs === 0) return { stop: () => Promise.resolve() };
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const report = (result: PurgeResult, startedAt: number) => {
    const summary = { ...result, durationMs: Math.round(performance.now() - startedAt) };
    if (result.isSkipped) logger.debug(summary, 'purge skipped: another instance is purging');
    else if (totalOf(result) > 0) logger.info(summary, 'purged expired rows');
    else logger.debug(summary, 'purge found nothing to delete');
  };

  const runOnce = async () => {
    const startedAt = performance.now();
    try {
      report(await purge(stopping.signal), startedAt);
    } catch (error) {
      logger.warn({ err: error }, 'purge failed; retrying at the next interval');
    }
  };

  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      running = runOnce().finally(() => {
        running = undefined;
        if (!stopping.signal.aborted) schedule(intervalMs);
      });
    }, delayMs);
    timer.unref();
  };
  schedule(Math.min(intervalMs, FIRST_RUN_DELAY_MS));

  return {
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await running;
    },
  };
};
