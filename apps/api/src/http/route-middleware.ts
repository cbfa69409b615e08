import express, { type RequestHandler } from 'express';
import cookieParser from 'cookie-parser';
import { ContractNoBody, type AppRoute } from '@ts-rest/core';
import { contract, isPublicRoute, MAX_BODY_BYTES, requiredRole } from '@shelf/contracts';
import { cacheControlFor } from './middleware/cache-control.js';
import { requireContentType } from './middleware/require-content-type.js';
import { requireRole, type CurrentRole } from './middleware/require-role.js';

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

/** The routes that accept the refresh token from the HttpOnly cookie (see refresh-cookie.ts). */
const READS_REFRESH_COOKIE: ReadonlySet<AppRoute> = new Set([
  contract.auth.refresh,
  contract.auth.logout,
]);

/** The media type of the route's body, or undefined for routes without one (GET, DELETE). */
const bodyTypeOf = (route: AppRoute): string | undefined => {
  if (route.method === 'GET' || !('body' in route) || route.body === ContractNoBody)
    return undefined;
  return 'contentType' in route && route.contentType !== undefined ? route.contentType : JSON_TYPE;
};

export interface RouteMiddlewareDeps {
  /** Requires credentials; also counts the request against the API rate limit once it knows whose it is. */
  authenticate: RequestHandler;
  /** Counts a public route's request against its client IP; undefined when API_RATE_LIMIT=0. */
  limitByClientIp?: RequestHandler | undefined;
  /** The caller's role as it is now, for routes that require one (read afresh, never cached). */
  currentRole: CurrentRole;
}

/**
 * Decides once, when routes are mounted, what each contract route runs before its handler, so no
 * request looks its route up again:
 * 1. the route's Cache-Control, if it has one (cache-control.ts);
 * 2. authentication, unless the contract marks the route public, then the API rate limit, counted
 *    per user (per client IP when authentication failed); on public routes, per client IP;
 *    then, where the contract says `requiresRole`, the role check against the caller's current role
 *    (403 for anyone else; a public route that requires a role throws at start-up);
 * 3. on routes with a body, the content-type check and the one parser for the declared type;
 * 4. the cookie parser, only where the refresh cookie is read.
 * Credential endpoints count their attempts in the handler (auth/credential-guard.ts), which alone
 * knows whether the password was right.
 * The order keeps a caller without credentials learning nothing about bodies (401 before 415/400).
 * Throws at start-up for a body type no parser here reads.
 */
export const createRouteMiddleware = ({
  authenticate,
  limitByClientIp,
  currentRole,
}: RouteMiddlewareDeps) => {
  const bodyParsers = new Map<string, RequestHandler>([
    [JSON_TYPE, express.json({ limit: MAX_BODY_BYTES })],
    [
      FORM_TYPE,
      express.urlencoded({ extended: false, limit: MAX_BODY_BYTES, parameterLimit: 100 }),
    ],
  ]);
  const readCookies = cookieParser();
  const publicRouteGate = limitByClientIp === undefined ? [] : [limitByClientIp];

  const bodyMiddleware = (route: AppRoute): RequestHandler[] => {
    const bodyType = bodyTypeOf(route);
    if (bodyType === undefined) return [];
    const parse = bodyParsers.get(bodyType);
    if (parse === undefined) {
      throw new Error(`${route.method} ${route.path}: no body parser for ${bodyType}`);
    }
    return [requireContentType(bodyType), parse];
  };

  const roleGate = (route: AppRoute): RequestHandler[] => {
    const role = requiredRole(route);
    if (role === undefined) return [];
    if (isPublicRoute(route)) {
      throw new Error(`${route.method} ${route.path}: a public route cannot require a role`);
    }
    return [requireRole(role, currentRole)];
  };

  return (route: AppRoute): RequestHandler[] => [
    ...cacheControlFor(route),
    ...(isPublicRoute(route) ? publicRouteGate : [authenticate]),
    ...roleGate(route),
    ...bodyMiddleware(route),
    ...(READS_REFRESH_COOKIE.has(route) ? [readCookies] : []),
  ];
};
