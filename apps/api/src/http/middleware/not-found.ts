import type { RequestHandler } from 'express';
import { notFound } from '../../errors/app-error.js';

/** Anything no route claimed. */
export const routeNotFound = (): RequestHandler =>
  function routeNotFoundMiddleware(req, _res, next) {
    next(notFound('route-not-found', `No route for ${req.method} ${req.path}`));
  };
