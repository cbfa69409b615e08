/** How quickly crashed workers are replaced. */
export interface RestartBackoffOptions {
  /** Delay before replacing the first crashed worker. */
  initialMs: number;
  /** The delay doubles after each crash up to this. */
  maxMs: number;
  /** A worker that stayed up this long counts as healthy: the next delay starts over. */
  resetAfterMs: number;
}

/** 100 ms doubling to 10 s; back to 100 ms once a worker had stayed up for 30 s. */
export const DEFAULT_RESTART_BACKOFF: RestartBackoffOptions = {
  initialMs: 100,
  maxMs: 10_000,
  resetAfterMs: 30_000,
};

/** Exponential backoff for replacing crashed workers, so a worker that crashes at start-up doesn't spin. */
export interface RestartBackoff {
  /** The delay before replacing a worker that crashed after `uptimeMs`. */
  delayAfterCrash(uptimeMs: number): number;
}

/** Creates the backoff; one per primary, shared by every worker slot. */
export const createRestartBackoff = (
  options: RestartBackoffOptions = DEFAULT_RESTART_BACKOFF,
): RestartBackoff => {
  let nextDelayMs = options.initialMs;
  return {
    delayAfterCrash(uptimeMs) {
      if (uptimeMs >= options.resetAfterMs) nextDelayMs = options.initialMs;
      const delayMs = nextDelayMs;
      nextDelayMs = Math.min(nextDelayMs * 2, options.maxMs);
      return delayMs;
    },
  };
};
