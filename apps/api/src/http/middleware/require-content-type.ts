import type { Request, RequestHandler } from 'express';
import { AppError } from '../../errors/app-error.js';

/** A POST with `Content-Length: 0` (what fetch sends for no body) has nothing to check. */
const hasNonEmptyBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** Rejects a body sent as anything but `mediaType`, the one its route's contract declares. */
export const requireContentType = (mediaType: string): RequestHandler =>
  function requireContentTypeMiddleware(req, _res, next) {
    if (hasNonEmptyBody(req) && typeof req.is(mediaType) !== 'string') {
      next(new AppError('unsupported-media-type', `Send the body as ${mediaType}`, 415));
      return;
    }
    next();
  };
