import { isAppRoute, type AppRoute, type AppRouter } from '@ts-rest/core';
import { contract } from '../contract.js';

/** A contract route with its dotted name (`books.get`), as a response checker needs it. */
export interface NamedRoute {
  /** The route's key path in the contract, such as `books.get` or `auth.token`. */
  name: string;
  route: AppRoute;
}

const walk = (router: AppRouter, prefix: string): NamedRoute[] =>
  Object.entries(router).flatMap(([key, value]) => {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    return isAppRoute(value) ? [{ name, route: value }] : walk(value, name);
  });

/** Every operation of the contract, in declaration order. */
export const CONTRACT_OPERATIONS: readonly NamedRoute[] = walk(contract, '');

/** `/api/books/:id` as a pattern: one segment per parameter, an optional trailing slash, any case (as Express routes). */
const patternOf = (path: string): RegExp =>
  new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+')}/?$`, 'i');

const PATTERNS = new Map<AppRoute, RegExp>(
  CONTRACT_OPERATIONS.map(({ route }) => [route, patternOf(route.path)]),
);

const pathnameOf = (pathOrUrl: string): string =>
  new URL(pathOrUrl, 'http://shelf.invalid').pathname;

/**
 * The contract routes whose path matches a request path (query strings are ignored), whatever their
 * method. Empty when the path is not part of the API.
 *
 * @example
 * routesAt('/api/books/7b0c?x=1').map(({ name }) => name); // ['books.get', 'books.replace', 'books.update', 'books.delete']
 */
export const routesAt = (pathOrUrl: string): NamedRoute[] => {
  const pathname = pathnameOf(pathOrUrl);
  return CONTRACT_OPERATIONS.filter(({ route }) => PATTERNS.get(route)?.test(pathname) === true);
};

/**
 * The contract route a request goes to, by method and path; `HEAD` goes to the `GET` route.
 *
 * @example
 * findContractRoute('PATCH', '/api/books/7b0c')?.name; // 'books.update'
 */
export const findContractRoute = (method: string, pathOrUrl: string): NamedRoute | undefined => {
  const wanted = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return routesAt(pathOrUrl).find(({ route }) => route.method === wanted);
};
