import type { AppRoute } from '@ts-rest/core';
import { generateOpenApi } from '@ts-rest/open-api';
import type {
  OpenAPIObject,
  OperationObject,
  ResponseObject,
  SecurityRequirementObject,
} from 'openapi3-ts';
import { contract, isPublicRoute } from '@shelf/contracts';
import { CONTRACT_ROUTES } from '../../http/contract-route.js';

const SECURITY_SCHEMES = {
  bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
  basicAuth: { type: 'http', scheme: 'basic', description: 'username:password, for scripts' },
  oauth2: {
    type: 'oauth2',
    description: 'OAuth2 password grant; Swagger UI’s Authorize button uses it',
    flows: { password: { tokenUrl: '/auth/token', refreshUrl: '/auth/token', scopes: {} } },
  },
} as const;

const PROTECTED_SECURITY: SecurityRequirementObject[] = [
  { bearerAuth: [] },
  { basicAuth: [] },
  { oauth2: [] },
];

/** Headers documented on responses of a given status. */
const RESPONSE_HEADERS: Record<string, ResponseObject['headers']> = {
  '201': { Location: { description: 'URL of the created resource', schema: { type: 'string' } } },
  '401': {
    'WWW-Authenticate': { description: 'Bearer challenge (RFC 6750)', schema: { type: 'string' } },
  },
  '429': { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
};

/** The contract group (auth, books, health) each route belongs to, for OpenAPI tags. */
const routeTags = new Map<AppRoute, string>(
  CONTRACT_ROUTES.map(({ group, route }) => [route, group]),
);

/** Errors are problem+json, not plain JSON; and every response names its headers. */
const withProblemContent = (
  responses: OperationObject['responses'],
): OperationObject['responses'] =>
  Object.fromEntries(
    Object.entries(responses as Record<string, ResponseObject>).map(([status, response]) => {
      const json = response.content?.['application/json'];
      const content =
        Number(status) >= 400 && json !== undefined
          ? { 'application/problem+json': json }
          : response.content;
      const headers = {
        'X-Request-Id': {
          description: 'Request id, echoed or generated',
          schema: { type: 'string' },
        },
        ...RESPONSE_HEADERS[status],
      };
      return [status, { ...response, ...(content !== undefined ? { content } : {}), headers }];
    }),
  );

/**
 * The OpenAPI 3.0 document of the whole contract: security from each route's metadata, problem+json
 * error bodies, and the schemes Swagger UI's Authorize button offers.
 */
export const createOpenApiDocument = (version: string): OpenAPIObject =>
  generateOpenApi(
    contract,
    {
      info: {
        title: 'Shelf API',
        version,
        description:
          'A books catalogue. Authenticate with a Bearer access token from /auth/login (or the Authorize button), or HTTP Basic for scripts. Every error is application/problem+json (RFC 9457).',
        license: { name: 'MIT' },
      },
      components: { securitySchemes: SECURITY_SCHEMES },
      tags: [
        { name: 'auth', description: 'Accounts and sessions' },
        { name: 'books', description: 'The catalogue' },
        { name: 'health', description: 'Probes' },
      ],
    },
    {
      setOperationId: 'concatenated-path',
      operationMapper: (operation, route) => ({
        ...operation,
        operationId: operation.operationId?.replace(/\.(\w)/g, (_match, letter: string) =>
          letter.toUpperCase(),
        ),
        tags: [routeTags.get(route) ?? 'other'],
        security: isPublicRoute(route) ? [] : PROTECTED_SECURITY,
        responses: withProblemContent(operation.responses),
      }),
    },
  );
