import { ContractNoBody, isZodType, type AppRoute } from '@ts-rest/core';
import type { OperationObject, RequestBodyObject } from 'openapi3-ts';
import { ZodOptional, type ZodTypeAny } from 'zod';
import { isPublicRoute } from '../common/route-metadata.js';
import { componentNameOf, withComponentReferences } from './component-schemas.js';
import { schemaOf } from './json-schema.js';
import { parametersOf } from './parameters.js';
import { responsesOf } from './responses.js';
import { PROTECTED_SECURITY } from './security.js';

/** The body of a request, required unless its schema accepts no body at all. */
const requestBodyOf = (route: AppRoute): RequestBodyObject | undefined => {
  if (route.method === 'GET' || !('body' in route) || route.body === ContractNoBody)
    return undefined;
  if (!isZodType(route.body)) return undefined;
  const body = route.body as ZodTypeAny;
  const isOptional = body.isOptional();
  const inner = body instanceof ZodOptional ? (body.unwrap() as ZodTypeAny) : body;
  const name = componentNameOf(inner);
  const contentType = route.contentType ?? 'application/json';
  return {
    description: inner.description ?? (isOptional ? 'Optional body' : 'The body'),
    required: !isOptional,
    content: {
      [contentType]: {
        schema:
          name !== undefined
            ? { $ref: `#/components/schemas/${name}` }
            : withComponentReferences(schemaOf(inner, 'input')),
      },
    },
  };
};

/**
 * The OpenAPI operation of one contract route: `operationId` is its group and key (`booksList`),
 * `security` comes from its metadata.
 *
 * @example
 * operationOf('books', 'list', contract.books.list).operationId; // 'booksList'
 */
export const operationOf = (group: string, key: string, route: AppRoute): OperationObject => {
  const requestBody = requestBodyOf(route);
  return {
    operationId: `${group}${key.charAt(0).toUpperCase()}${key.slice(1)}`,
    summary: route.summary,
    description: route.description,
    tags: [group],
    security: isPublicRoute(route) ? [] : PROTECTED_SECURITY,
    parameters: parametersOf(route),
    ...(requestBody !== undefined ? { requestBody } : {}),
    responses: responsesOf(route),
  };
};
