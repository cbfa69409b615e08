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
 * A listed origin goes to the `cors` library, which reflects it and adds the Vary itself; any other
 * request (no Origin: servers, scripts, same-origin GETs; or an origin not listed) gets only the
 * Vary, and a preflight from an origin not listed goes on to the routes like any other OPTIONS
 * request (405 with Allow on a path that exists, else 404), without CORS headers.
 */
export const cors = (allowedOrigins: readonly string[]): RequestHandler => {
  const allowed = new Set(allowedOrigins);
  const handleCors = createCors({
    // Reflect the request's origin: only listed origins reach the library.
    origin: true,
    credentials: true,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  return function corsMiddleware(req, res, next) {
    const origin = req.headers.origin;
    if (origin === undefined || !allowed.has(origin)) {
      res.vary('Origin');
      next();
      return;
    }
    handleCors(req, res, next);
  };
};
