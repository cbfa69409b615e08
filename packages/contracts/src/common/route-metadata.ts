import type { AppRoute } from '@ts-rest/core';

/**
 * What a route declares about itself in ts-rest `metadata`. Routes are protected unless they say
 * `isPublic: true`, so the server's authentication rule and the OpenAPI `security` come from here.
 */
export interface RouteMetadata {
  /** Reachable without credentials. */
  isPublic?: boolean;
  /** Attempts are rate limited per client IP and per username (login, token, register). */
  isCredentialEndpoint?: boolean;
  /** OAuth2 token endpoint: its errors are RFC 6749 §5.2 JSON bodies (OAuthErrorSchema), not problems. */
  isOAuth2TokenEndpoint?: boolean;
  /**
   * `no-store`: no cache may keep the response, not even the browser's (say, the caller's own
   * account). Without it, a protected GET is `private, no-cache`: only the caller's browser may keep
   * it, and must revalidate it (its ETag) before each use.
   */
  cacheControl?: 'no-store';
  /**
   * Only callers with this role may call the route: the server checks it after authentication and
   * answers anyone else 403 (code admin-required). Meaningless on a public route.
   */
  requiresRole?: 'admin';
}

const readMetadata = (route: AppRoute): RouteMetadata => {
  const metadata: unknown = route.metadata;
  return typeof metadata === 'object' && metadata !== null ? metadata : {};
};

/**
 * True when the contract marks the route public.
 *
 * @example
 * isPublicRoute(contract.health.live); // true
 */
export const isPublicRoute = (route: AppRoute): boolean => readMetadata(route).isPublic === true;

/** True for routes that take a username and password and are rate limited as such. */
export const isCredentialEndpoint = (route: AppRoute): boolean =>
  readMetadata(route).isCredentialEndpoint === true;

/** True for the OAuth2 token endpoint, whose errors are RFC 6749 §5.2 bodies, not problem+json. */
export const isOAuth2TokenEndpoint = (route: AppRoute): boolean =>
  readMetadata(route).isOAuth2TokenEndpoint === true;

/**
 * The `Cache-Control` the contract asks for on the route's responses, when it asks for one.
 *
 * @example
 * declaredCacheControl(contract.auth.me); // 'no-store'
 */
export const declaredCacheControl = (route: AppRoute): RouteMetadata['cacheControl'] =>
  readMetadata(route).cacheControl === 'no-store' ? 'no-store' : undefined;

/**
 * The role the contract requires of the route's callers, when it requires one.
 *
 * @example
 * requiredRole(contract.users.list); // 'admin'
 * requiredRole(contract.books.list); // undefined
 */
export const requiredRole = (route: AppRoute): RouteMetadata['requiresRole'] =>
  readMetadata(route).requiresRole === 'admin' ? 'admin' : undefined;
