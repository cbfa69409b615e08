import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

type HeaderChange = readonly [name: string, value: string | number | readonly string[] | undefined];

/**
 * Runs a middleware once against a stand-in request and response and records the headers it sets
 * (a value) and removes (undefined). Throws unless it finishes synchronously and calls `next()`
 * without an error, so a middleware that is not a fixed set of headers fails at start-up.
 */
const recordHeaderChanges = (
  middleware: ReturnType<typeof helmet>,
  path: string,
): HeaderChange[] => {
  const changes: HeaderChange[] = [];
  const req = { method: 'GET', url: path, headers: {} } as unknown as IncomingMessage;
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      changes.push([name, value]);
      return res;
    },
    removeHeader(name: string) {
      changes.push([name, undefined]);
    },
    getHeader: () => undefined,
  } as unknown as ServerResponse;
  const outcome: { isDone: boolean; failure?: unknown } = { isDone: false };
  middleware(req, res, (error?: unknown) => {
    outcome.isDone = true;
    outcome.failure = error;
  });
  if (!outcome.isDone || outcome.failure !== undefined) {
    throw new Error('security headers must be static: helmet did not finish synchronously', {
      cause: outcome.failure,
    });
  }
  return changes;
};

/**
 * helmet's headers, decided by helmet once at start-up and then set on each response from the
 * recorded list: the same headers as `app.use(helmet(options))` without running its thirteen
 * middlewares per request. Options whose headers depend on the request (CSP nonce functions) are
 * refused at start-up.
 */
export const securityHeaders = (options: HelmetOptions): RequestHandler => {
  const middleware = helmet(options);
  const changes = recordHeaderChanges(middleware, '/');
  if (JSON.stringify(recordHeaderChanges(middleware, '/other?x=1')) !== JSON.stringify(changes)) {
    throw new Error('security headers must be static; helmet varies them by request');
  }
  return function securityHeadersMiddleware(_req, res, next) {
    for (const [name, value] of changes) {
      if (value === undefined) res.removeHeader(name);
      else res.setHeader(name, value);
    }
    next();
  };
};
