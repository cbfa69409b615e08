import type { RequestHandler } from 'express';
import typeIs from 'type-is';
import { AppError } from '../../errors/app-error.js';
import { contractRouteOf } from '../contract-route.js';

/** Rejects a body sent as anything but the media type the route's contract declares (JSON by default). */
export const requireContentType = (): RequestHandler =>
  function requireContentTypeMiddleware(req, _res, next) {
    const route = contractRouteOf(req);
    if (
      route === undefined ||
      route.method === 'GET' ||
      route.method === 'DELETE' ||
      !typeIs.hasBody(req)
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
