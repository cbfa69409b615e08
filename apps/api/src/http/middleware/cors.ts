import corsMiddleware from 'cors';
import type { RequestHandler } from 'express';

/** Headers browsers may read from cross-origin responses. */
const EXPOSED_HEADERS = ['Location', 'ETag', 'X-Request-Id', 'Retry-After'];

/**
 * CORS for the listed origins only, with credentials (the refresh cookie). An origin not on the list
 * gets no Access-Control-Allow-Origin, so the browser blocks the response; never `*`.
 */
export const cors = (allowedOrigins: readonly string[]): RequestHandler => {
  const allowed = new Set(allowedOrigins);
  return corsMiddleware({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
};
