import type { Express, Request } from 'express';
import type { Logger } from '../logger.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express types requests in this namespace
  namespace Express {
    interface Request {
      /** The request's id (X-Request-Id), set by accessLog() before anything else runs. */
      id: string;
      /** When accessLog() saw the request, in `performance.now()` milliseconds. */
      receivedAt: number;
      /** Logs with the request's id, method and url; created the first time a request logs. */
      log: Logger;
    }
  }
}

const ownLog = (req: Request, log: Logger): void => {
  Object.defineProperty(req, 'log', { value: log, writable: true, configurable: true });
};

/**
 * Gives every request of `app` a `req.log`. It is a getter on the app's request prototype, so the
 * child logger that carries the request's fields is built only for the few requests that log more
 * than their access line (errors, failed readiness checks), not on every request.
 */
export const provideRequestLog = (app: Express, logger: Logger): void => {
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: Request): Logger {
      const log = logger.child({
        req: { id: this.id, method: this.method, url: this.originalUrl },
      });
      ownLog(this, log);
      return log;
    },
    set(this: Request, log: Logger) {
      ownLog(this, log);
    },
  });
};
