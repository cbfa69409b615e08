import { isZodType, type AppRoute } from '@ts-rest/core';
import type { ResponseObject, ResponsesObject, SchemaObject } from 'openapi3-ts';
import type { ZodTypeAny } from 'zod';
import { crossCuttingResponses } from '../common/cross-cutting-responses.js';
import { contract } from '../contract.js';
import { componentNameOf, withComponentReferences } from './component-schemas.js';
import { schemaOf } from './json-schema.js';
import { responseHeadersOf } from './response-headers.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** What a status without a body of its own means. */
const NO_BODY_DESCRIPTIONS: Readonly<Record<string, string>> = {
  '204': 'Done; no content',
  '304': 'Not Modified: the ETag sent in If-None-Match is still current; no body',
};

/** Where a route's status without a body means something of its own. */
const routeNoBodyDescription = (route: AppRoute, status: string): string | undefined =>
  route === contract.auth.refresh && status === '204'
    ? 'No session: the request presented no refresh token (no cookie, no refresh_token); not an error'
    : undefined;

/** A 400 problem is a validation problem (errors listed) or another malformed request. */
const errorBodySchema = (status: string, schema: ZodTypeAny): SchemaObject => {
  const name = componentNameOf(schema);
  if (name === 'Problem' && status === '400')
    return { anyOf: [ref('ValidationProblem'), ref('Problem')] };
  if (name !== undefined) return ref(name);
  return withComponentReferences(schemaOf(schema, 'output'));
};

const mediaTypeOf = (status: string, schema: ZodTypeAny): string => {
  if (Number(status) < 400) return 'application/json';
  return componentNameOf(schema) === 'OAuthError' ? 'application/json' : 'application/problem+json';
};

const responseOf = (route: AppRoute, status: string, declared: unknown): ResponseObject => {
  if (!isZodType(declared)) {
    return {
      description: routeNoBodyDescription(route, status) ?? NO_BODY_DESCRIPTIONS[status] ?? status,
      headers: responseHeadersOf(route, status, false),
    };
  }
  const schema = declared;
  return {
    description: schema.description ?? status,
    headers: responseHeadersOf(route, status, true),
    content: { [mediaTypeOf(status, schema)]: { schema: errorBodySchema(status, schema) } },
  };
};

/**
 * The responses of an operation: the contract's, then what the server adds on every route of its
 * kind, each with its headers and its body as a named component.
 */
export const responsesOf = (route: AppRoute): ResponsesObject => {
  const declared: Record<string, unknown> = { ...route.responses };
  for (const [status, response] of Object.entries(crossCuttingResponses(route))) {
    declared[status] ??= response;
  }
  return Object.fromEntries(
    Object.keys(declared)
      .sort()
      .map((status) => [status, responseOf(route, status, declared[status])]),
  );
};
