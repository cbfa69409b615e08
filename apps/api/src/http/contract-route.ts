import type { Request } from 'express';
import type { AppRoute } from '@ts-rest/core';
import { contract, isOAuth2TokenEndpoint } from '@shelf/contracts';

/** The contract route ts-rest matched, or undefined outside contract routes. */
export const contractRouteOf = (req: Request): AppRoute | undefined => {
  const route: unknown = (req as Request & { tsRestRoute?: unknown }).tsRestRoute;
  return typeof route === 'object' && route !== null && 'path' in route
    ? (route as AppRoute)
    : undefined;
};

/** True for a request ts-rest matched to the OAuth2 token endpoint, whose errors are RFC 6749's. */
export const isTokenEndpointRequest = (req: Request): boolean => {
  const route = contractRouteOf(req);
  return route !== undefined && isOAuth2TokenEndpoint(route);
};

/** Every route of the contract with the group (auth, books, health) it is declared in. */
export const CONTRACT_ROUTES: readonly { group: string; route: AppRoute }[] = Object.entries(
  contract,
).flatMap(([group, routes]) =>
  Object.values(routes as Record<string, AppRoute>).map((route) => ({ group, route })),
);
