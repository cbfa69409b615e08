import createCors from 'cors';
import type { RequestHandler } from 'express';

/**
 * Headers browsers may read from cross-origin responses: everything a client acts on besides the
 * CORS-safelisted ones (Content-Type, Cache-Control, ...).
 */
export const EXPOSED_HEADERS = [
  'Location',
  'ETag',
  'Idempotent-Replayed',
  'X-Request-Id',
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'WWW-Authenticate',
];

/**
 * CORS for the listed origins only, with credentials (the refresh cookie). An origin not on the list
 * gets no Access-Control-Allow-Origin, so the browser blocks the response; never `*`.
 *
 * Every response carries `Vary: Origin`, whatever the origin (listed, not listed, or none): the
 * headers depend on it, so a shared cache must never hand the response one origin got to another.
 * The `cors` library only adds it for a listed origin. A request without an Origin header (servers,
 * scripts, same-origin GETs) skips the library: it would ask the origin callback, get `false`, and
 * set nothing, so the result is the same.
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
    res.vary('Origin');
    if (req.headers.origin === undefined) {
      next();
      return;
    }
    handleCors(req, res, next);
  };
};
