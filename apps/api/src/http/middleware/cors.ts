import createCors from 'cors';
import type { RequestHandler } from 'express';

/** Headers browsers may read from cross-origin responses. */
const EXPOSED_HEADERS = ['Location', 'ETag', 'X-Request-Id', 'Retry-After'];

/**
 * CORS for the listed origins only, with credentials (the refresh cookie). An origin not on the list
 * gets no Access-Control-Allow-Origin, so the browser blocks the response; never `*`.
 *
 * A request without an Origin header (servers, scripts, same-origin GETs) skips the `cors` library:
 * it would ask the origin callback, get `false`, and set nothing, so the result is the same.
 */
export const cors = (allowedOrigins: readonly string[]): RequestHandler => {
  const allowed = new Set(allowedOrigins);
  const handleCors = createCors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  return function corsMiddleware(req, res, next) {
    if (req.headers.origin === undefined) {
      // The answer depends on Origin even when there is none: caches must keep the variants apart.
      res.vary('Origin');
      next();
      return;
    }
    handleCors(req, res, next);
  };
};
