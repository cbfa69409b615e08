import type { SecurityRequirementObject, SecuritySchemeObject } from 'openapi3-ts';

/** How a protected route may be called: the schemes Swagger UI's Authorize button offers. */
export const SECURITY_SCHEMES: Record<string, SecuritySchemeObject> = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An access token from /auth/login or /auth/token: a JWT signed with HS256, handled per RFC8725 (the algorithm is pinned, issuer and audience checked, exp required and at most a day away).',
  },
  basicAuth: {
    type: 'http',
    scheme: 'basic',
    description:
      'username:password, for scripts; failures count against the same limit as logins. Use HTTPS.',
  },
  oauth2: {
    type: 'oauth2',
    description:
      'OAuth2 password grant, as Swagger UI’s Authorize button uses it; the tokens are the JWTs of bearerAuth (RFC8725), refreshed with the refresh_token grant.',
    flows: { password: { tokenUrl: '/auth/token', refreshUrl: '/auth/token', scopes: {} } },
  },
};

/** Any one of the schemes authenticates a request to a protected route. */
export const PROTECTED_SECURITY: SecurityRequirementObject[] = [
  { bearerAuth: [] },
  { basicAuth: [] },
  { oauth2: [] },
];
