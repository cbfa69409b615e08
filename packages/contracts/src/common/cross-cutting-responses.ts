import type { AppRoute } from '@ts-rest/core';
import type { ZodTypeAny } from 'zod';
import { contract } from '../contract.js';
import { OAuthErrorSchema } from './oauth-error.js';
import { ProblemSchema } from './problem.js';
import { isOAuth2TokenEndpoint, isPublicRoute } from './route-metadata.js';

/**
 * Answers the server gives on routes whose contract does not list them: 304 to any GET (a matching
 * If-None-Match), 500 anywhere, 503 where the database is reached (everything but the liveness
 * probe) or a password may be checked, 429 from the API rate limit everywhere, 403 on protected routes (the right HTTP Basic
 * credentials of a disabled account).
 */
export const crossCuttingResponses = (route: AppRoute): Record<string, ZodTypeAny | 'no-body'> => {
  const errorSchema = isOAuth2TokenEndpoint(route) ? OAuthErrorSchema : ProblemSchema;
  return {
    ...(route.method === 'GET' ? { 304: 'no-body' } : {}),
    ...(isPublicRoute(route)
      ? {}
      : {
          403: errorSchema.describe(
            'HTTP Basic credentials of an account an admin disabled (code account-disabled)',
          ),
        }),
    429: errorSchema.describe(
      'Too many requests from this user, or this client IP without credentials (API_RATE_LIMIT); Retry-After says when to try again',
    ),
    500: errorSchema.describe(
      'An unexpected error; the body says nothing more (code internal-error, or server_error at /auth/token)',
    ),
    ...(route === contract.health.live || route === contract.health.ready
      ? {}
      : {
          503: errorSchema.describe(
            'The database is busy (database-busy) or unreachable (database-unavailable), or too many password checks are waiting on this server (password-checks-busy, wherever a password is checked or set: logins, the token endpoint, HTTP Basic, registration, password changes and resets, email changes, account deletion); Retry-After says when to try again',
          ),
        }),
  };
};
