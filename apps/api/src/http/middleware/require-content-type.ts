import type { Request, RequestHandler } from 'express';
import { AppError } from '../../errors/app-error.js';
import { contractRouteOf } from '../contract-route.js';

/** A POST with `Content-Length: 0` (what fetch sends for no body) has nothing to check. */
const hasNonEmptyBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** Rejects a body sent as anything but the media type the route's contract declares (JSON by default). */
export const requireContentType = (): RequestHandler =>
  function requireContentTypeMiddleware(req, _res, next) {
    const route = contractRouteOf(req);
    if (
      route === undefined ||
      route.method === 'GET' ||
      route.method === 'DELETE' ||
      !hasNonEmptyBody(req)
    ) {
      next();
      return;
    }
    const expected =
      'contentType' in route && route.contentType !== undefined
        ? route.contentType
        : 'application/json';
    if (typeof req.is(expected) !== 'string') {
      next(new AppError('unsupported-media-type', `Send the body as ${expected}`, 415));
      return;
    }
    next();
  };
