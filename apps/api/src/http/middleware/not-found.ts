import type { RequestHandler } from 'express';
import { AppError, notFound } from '../../errors/app-error.js';
import { CONTRACT_ROUTES } from '../contract-route.js';

/** Each contract path as a pattern (`:id` matches one segment) with the methods it answers. */
const methodsByPath = (() => {
  const byPath = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const { route } of CONTRACT_ROUTES) {
    const entry = byPath.get(route.path) ?? {
      pattern: new RegExp(`^${route.path.replace(/:[^/]+/g, '[^/]+')}/?$`, 'i'),
      methods: new Set<string>(),
    };
    entry.methods.add(route.method);
    if (route.method === 'GET') entry.methods.add('HEAD');
    byPath.set(route.path, entry);
  }
  return [...byPath.values()];
})();

/**
 * Anything no route claimed: 405 with `Allow` when the path exists under other methods, else 404.
 */
export const routeNotFound = (): RequestHandler =>
  function routeNotFoundMiddleware(req, _res, next) {
    const match = methodsByPath.find(({ pattern }) => pattern.test(req.path));
    if (match !== undefined) {
      const allow = [...match.methods].join(', ');
      next(
        new AppError(
          'method-not-allowed',
          `${req.method} is not allowed on ${req.path}; use ${allow}`,
          405,
          {
            headers: { Allow: allow },
          },
        ),
      );
      return;
    }
    next(notFound('route-not-found', `No route for ${req.method} ${req.path}`));
  };
