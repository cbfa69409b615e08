import { isAppRoute, type AppRoute, type AppRouter } from '@ts-rest/core';
import type { OpenAPIObject, PathItemObject, PathsObject } from 'openapi3-ts';
import { contract } from '../contract.js';
import { COMPONENT_SCHEMAS } from './component-schemas.js';
import { HEADER_COMPONENTS } from './header-components.js';
import { operationOf } from './operation.js';
import { SECURITY_SCHEMES } from './security.js';

const DESCRIPTION = [
  'A books catalogue. Authenticate with a Bearer access token from /auth/login (or the Authorize button), or HTTP Basic for scripts.',
  'Every error is application/problem+json (RFC 9457), except at /auth/token, whose errors are RFC 6749 JSON bodies.',
  'Every response also carries fixed security headers (Content-Security-Policy, Strict-Transport-Security, X-Content-Type-Options: nosniff, X-Frame-Options: SAMEORIGIN, Referrer-Policy: no-referrer, Cross-Origin-Opener-Policy, Cross-Origin-Resource-Policy, Origin-Agent-Cluster, X-DNS-Prefetch-Control, X-Download-Options, X-Permitted-Cross-Domain-Policies, X-XSS-Protection: 0).',
  'Every GET also answers HEAD. A path called with a method it does not define answers 405 with Allow listing the methods it does; an unknown path answers 404 (code route-not-found). CORS preflights (OPTIONS) from a listed origin answer 204.',
].join('\n\n');

/** Every route of the contract with its group (auth, books, health) and key (login, list…). */
const contractRoutes = (): { group: string; key: string; route: AppRoute }[] =>
  Object.entries(contract).flatMap(([group, routes]) =>
    Object.entries(routes as AppRouter).flatMap(([key, route]) =>
      isAppRoute(route) ? [{ group, key, route }] : [],
    ),
  );

const METHODS = { GET: 'get', POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'delete' } as const;

const pathsOf = (): PathsObject => {
  const paths = new Map<string, PathItemObject>();
  for (const { group, key, route } of contractRoutes()) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths.set(path, {
      ...paths.get(path),
      [METHODS[route.method]]: operationOf(group, key, route),
    });
  }
  return Object.fromEntries(paths);
};

/**
 * The OpenAPI 3.0 document of the whole contract, the same for the server that serves it and the
 * committed `openapi.json`: named DTOs in `components.schemas`, every status, header and cookie the
 * server sends, security from each route's metadata.
 *
 * @example
 * import { createOpenApiDocument } from '@shelf/contracts/openapi';
 * app.get('/openapi.json', (_req, res) => res.json(createOpenApiDocument('1.0.0')));
 */
export const createOpenApiDocument = (version: string): OpenAPIObject => ({
  openapi: '3.0.3',
  info: {
    title: 'Shelf API',
    version,
    description: DESCRIPTION,
    license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
  },
  servers: [
    {
      url: '/',
      description:
        'The origin serving this document, in every environment (local, staging, production)',
      'x-internal': false,
    },
  ],
  tags: [
    { name: 'auth', description: 'Accounts and sessions' },
    { name: 'books', description: 'The catalogue' },
    { name: 'tags', description: 'The tags books carry, with their counts' },
    { name: 'users', description: 'User management (admins only)' },
    { name: 'health', description: 'Probes' },
  ],
  paths: pathsOf(),
  components: {
    schemas: COMPONENT_SCHEMAS,
    headers: HEADER_COMPONENTS,
    securitySchemes: SECURITY_SCHEMES,
  },
});
