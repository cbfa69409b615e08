import type { Logger } from '../logger.js';

/**
 * Installs the last-resort handlers of a process entry point: an uncaught exception or an unhandled
 * promise rejection is logged at `fatal` with the error, and the process exits 1 at once for its
 * supervisor (systemd, Kubernetes, the cluster primary) to start a fresh one. After either, the
 * process's state is unknown, so it does not drain: requests in flight fail, and clients retry.
 * pino flushes the line synchronously on exit.
 */
export const exitOnFatalErrors = (logger: Logger): void => {
  const exitWith = (what: string) => (error: unknown) => {
    logger.fatal({ err: error }, `${what}; exiting`);
    process.exit(1);
  };
  process.on('uncaughtException', exitWith('uncaught exception'));
  process.on('unhandledRejection', exitWith('unhandled promise rejection'));
};
