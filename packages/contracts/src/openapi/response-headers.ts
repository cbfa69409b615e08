import type { AppRoute } from '@ts-rest/core';
import type { ReferenceObject } from 'openapi3-ts';
import { contract } from '../contract.js';
import { declaredCacheControl, isPublicRoute } from '../common/route-metadata.js';
import type { HeaderComponent } from './header-components.js';

/** Routes whose 200 is a token response: no-store, Pragma, and the refresh cookie set. */
const ISSUES_TOKENS: ReadonlySet<AppRoute> = new Set([
  contract.auth.login,
  contract.auth.token,
  contract.auth.refresh,
  contract.auth.changePassword,
]);

/** Routes that clear the refresh cookie, and on which statuses. */
const CLEARS_COOKIE = new Map<AppRoute, ReadonlySet<string>>([
  [contract.auth.logout, new Set(['204'])],
  [contract.auth.deleteAccount, new Set(['204'])],
  // A refresh token that cannot be rotated is dropped from the browser too.
  [contract.auth.refresh, new Set(['401', '500', '503'])],
]);

/** Where a book's own strong ETag replaces the framework's weak one. */
const BOOK_ETAG = new Map<AppRoute, ReadonlySet<string>>([
  [contract.books.get, new Set(['200', '304'])],
  [contract.books.create, new Set(['201'])],
  [contract.books.replace, new Set(['200', '412'])],
  [contract.books.update, new Set(['200', '412'])],
  [contract.books.delete, new Set(['412'])],
]);

/** On every response (CORS ones only for listed origins; RateLimit ones unless the limit is off). */
const EVERY_RESPONSE = {
  'X-Request-Id': 'X-Request-Id',
  Vary: 'Vary',
  'RateLimit-Limit': 'RateLimit-Limit',
  'RateLimit-Remaining': 'RateLimit-Remaining',
  'RateLimit-Reset': 'RateLimit-Reset',
  'Access-Control-Allow-Origin': 'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials': 'Access-Control-Allow-Credentials',
  'Access-Control-Expose-Headers': 'Access-Control-Expose-Headers',
} as const satisfies Record<string, HeaderComponent>;

/** The Cache-Control a successful answer of the route carries (cache-control.ts in the API). */
const cacheControlOf = (route: AppRoute, status: number): HeaderComponent | undefined => {
  if (status >= 400) return 'CacheControlNoStore';
  if (ISSUES_TOKENS.has(route) && status === 200) return 'CacheControlNoStore';
  // "No session" is about this browser's cookie: never kept by any cache.
  if (route === contract.auth.refresh && status === 204) return 'CacheControlNoStore';
  if (declaredCacheControl(route) === 'no-store') return 'CacheControlNoStore';
  if (route.method === 'GET' && !isPublicRoute(route)) return 'CacheControlPrivate';
  return undefined;
};

/** The headers one response of a route carries, by header name. */
const headerComponentsOf = (
  route: AppRoute,
  status: string,
  hasBody: boolean,
): Record<string, HeaderComponent> => {
  const code = Number(status);
  const headers: Record<string, HeaderComponent> = { ...EVERY_RESPONSE };
  const cacheControl = cacheControlOf(route, code);
  if (cacheControl !== undefined) headers['Cache-Control'] = cacheControl;
  if (BOOK_ETAG.get(route)?.has(status) === true) headers.ETag = 'BookETag';
  else if (hasBody || code === 304) headers.ETag = 'ETag';
  if (ISSUES_TOKENS.has(route) && code === 200) {
    headers.Pragma = 'Pragma';
    headers['Set-Cookie'] = 'SetRefreshCookie';
  }
  if (route === contract.auth.token && code >= 400) headers.Pragma = 'Pragma';
  if (CLEARS_COOKIE.get(route)?.has(status) === true) headers['Set-Cookie'] = 'ClearRefreshCookie';
  if (route === contract.books.create && code === 201) {
    headers.Location = 'Location';
    headers['Idempotent-Replayed'] = 'Idempotent-Replayed';
  }
  if (route === contract.users.create && code === 201) headers.Location = 'UserLocation';
  if (code === 401) headers['WWW-Authenticate'] = 'WWW-Authenticate';
  if (code === 429 || (code === 503 && route !== contract.health.ready)) {
    headers['Retry-After'] = 'Retry-After';
  }
  return headers;
};

/**
 * The `headers` of one response, as references to `components.headers`.
 *
 * @example
 * responseHeadersOf(contract.books.create, '201', true).Location; // { $ref: '#/components/headers/Location' }
 */
export const responseHeadersOf = (
  route: AppRoute,
  status: string,
  hasBody: boolean,
): Record<string, ReferenceObject> =>
  Object.fromEntries(
    Object.entries(headerComponentsOf(route, status, hasBody)).map(([name, component]) => [
      name,
      { $ref: `#/components/headers/${component}` },
    ]),
  );
