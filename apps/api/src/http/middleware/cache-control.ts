import type { RequestHandler } from 'express';
import type { AppRoute } from '@ts-rest/core';
import { declaredCacheControl, isPublicRoute } from '@shelf/contracts';

/**
 * What a protected GET answers with unless its contract says otherwise: only the caller's browser
 * may keep the response, and it must revalidate it (If-None-Match with the ETag) before each use.
 */
const PRIVATE_REVALIDATED = 'private, no-cache';

/**
 * The `Cache-Control` of a contract route's responses: what its contract declares, else `private,
 * no-cache` for a protected GET; undefined (HTTP's defaults) for public routes and other writes.
 */
export const cacheControlOf = (route: AppRoute): string | undefined => {
  const declared = declaredCacheControl(route);
  if (declared !== undefined) return declared;
  return route.method === 'GET' && !isPublicRoute(route) ? PRIVATE_REVALIDATED : undefined;
};

/**
 * The route's caching policy as middleware (none when it has none), run before anything else on the
 * route so every answer carries it, a 304 included. Problems replace it with `no-store` (problem.ts).
 */
export const cacheControlFor = (route: AppRoute): RequestHandler[] => {
  const value = cacheControlOf(route);
  if (value === undefined) return [];
  return [
    function cacheControlMiddleware(_req, res, next) {
      res.setHeader('Cache-Control', value);
      next();
    },
  ];
};
