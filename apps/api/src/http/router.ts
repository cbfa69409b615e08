import type { Express, Request, RequestHandler } from 'express';
import { isAppRoute, type AppRoute, type AppRouter } from '@ts-rest/core';
import { createExpressEndpoints, initServer } from '@ts-rest/express';
import { contract, type Contract } from '@shelf/contracts';
import type { AuthDeps } from '../features/auth/auth.service.js';
import { createAuthRouter } from '../features/auth/auth.routes.js';
import { findActiveUserRole } from '../features/auth/users.repository.js';
import { createBooksRouter } from '../features/books/books.routes.js';
import type { BooksReadDeps } from '../features/books/books.service.js';
import { createHealthRouter } from '../features/health/health.routes.js';
import { createTagsRouter } from '../features/tags/tags.routes.js';
import { createUsersRouter } from '../features/users/users.routes.js';
import type { ApiRateLimitMiddleware } from './middleware/api-rate-limit.js';
import { authenticate } from './middleware/authenticate.js';
import { createRouteMiddleware } from './route-middleware.js';
import { handleValidationError } from './validation-error.js';

/** What ts-rest mounts for the contract: a handler, or `{ middleware, handler }`, per route. */
type ContractImplementation = Parameters<typeof createExpressEndpoints<Contract>>[1];

export type RouterDeps = AuthDeps &
  BooksReadDeps & {
    /** The API rate limit, counted per user after authentication or per client IP. */
    rateLimit: ApiRateLimitMiddleware;
  };

/** True for what ts-rest mounts as a route: a handler, or `{ handler, middleware }`. */
const isRouteImplementation = (implementation: unknown): boolean =>
  typeof implementation === 'function' ||
  (typeof implementation === 'object' &&
    implementation !== null &&
    typeof (implementation as { handler?: unknown }).handler === 'function');

/**
 * The router implementation with each route's middleware attached (ts-rest's per-route `{ middleware,
 * handler }` form), chosen by `middlewareFor` from the route's contract entry.
 * Throws, naming each one, when a contract route has no implementation: TypeScript catches that at
 * build time, but `tsx watch` does not type-check, and ts-rest would mount the rest and leave the
 * route to the 405/404 fallback.
 */
const withRouteMiddleware = (
  implementation: ContractImplementation,
  middlewareFor: (route: AppRoute) => RequestHandler[],
): ContractImplementation => {
  const missing: string[] = [];
  const attach = (node: AppRouter | AppRoute, handlerOrGroup: unknown, keys: string[]): unknown => {
    if (isAppRoute(node)) {
      if (!isRouteImplementation(handlerOrGroup)) {
        missing.push(
          `Contract route ${keys.join('.')} (${node.method} ${node.path}) has no implementation`,
        );
        return undefined;
      }
      const options =
        typeof handlerOrGroup === 'function'
          ? { handler: handlerOrGroup }
          : (handlerOrGroup as { handler: unknown; middleware?: unknown[] });
      return { ...options, middleware: [...middlewareFor(node), ...(options.middleware ?? [])] };
    }
    const group = (handlerOrGroup ?? {}) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(node).map(([key, child]) => [key, attach(child, group[key], [...keys, key])]),
    );
  };
  const attached = attach(contract, implementation, []);
  if (missing.length > 0) throw new Error(missing.join('\n'));
  // The shape is unchanged: every leaf is still an implementation ts-rest accepts for its route.
  return attached as ContractImplementation;
};

/** Mounts every contract route with the middleware its contract entry calls for (route-middleware.ts). */
export const mountContractRoutes = (app: Express, deps: RouterDeps): void => {
  const s = initServer();
  const router = s.router(contract, {
    auth: createAuthRouter(deps),
    books: createBooksRouter(deps),
    tags: createTagsRouter(deps),
    users: createUsersRouter(deps),
    health: createHealthRouter(deps),
  });
  const middlewareFor = createRouteMiddleware({
    authenticate: deps.rateLimit.afterAuthentication(
      authenticate({
        accessTokens: deps.accessTokens,
        tokenVersions: deps.tokenVersions,
        credentials: deps.credentials,
      }),
    ),
    limitByClientIp: deps.rateLimit.byClientIp,
    currentRole: (userId) => findActiveUserRole(deps.db, userId),
  });
  createExpressEndpoints(contract, withRouteMiddleware(router, middlewareFor), app, {
    logInitialization: false,
    responseValidation: false,
    requestValidationErrorHandler: (error, req, res, next) =>
      handleValidationError(error, req as unknown as Request, res, next),
  });
};
