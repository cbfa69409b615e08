import { type AppRoute } from '@ts-rest/core';
import type { ParameterLocation, ParameterObject, SchemaObject } from 'openapi3-ts';
import { ZodObject, type ZodTypeAny } from 'zod';
import { contract } from '../contract.js';
import { REFRESH_COOKIE } from '../auth.contract.js';
import { PARAMETER_EXAMPLES } from './examples.js';
import { schemaOf } from './json-schema.js';

/**
 * What the document says about a parameter beyond its zod schema. A book id is a UUID, but the
 * server accepts any string there and answers 404 for one that names no book, malformed or not
 * (never 400 or 500): the format is documented, not enforced by validation.
 */
const DOCUMENTED_ONLY: Readonly<Record<string, SchemaObject>> = {
  id: { format: 'uuid', maxLength: 36 },
};

/** The routes that read the refresh cookie when the body has no refresh_token. */
const READS_REFRESH_COOKIE: ReadonlySet<AppRoute> = new Set([
  contract.auth.refresh,
  contract.auth.logout,
]);

const parametersIn = (location: ParameterLocation, shape: unknown): ParameterObject[] => {
  if (!(shape instanceof ZodObject)) return [];
  return Object.entries(shape.shape as Record<string, ZodTypeAny>).map(([name, zod]) => {
    const { description, ...schema } = schemaOf(zod, 'input');
    return {
      name,
      in: location,
      ...(description !== undefined ? { description } : {}),
      ...(location === 'path' || !zod.isOptional() ? { required: true } : {}),
      schema: {
        ...schema,
        ...DOCUMENTED_ONLY[name],
        ...(name in PARAMETER_EXAMPLES ? { example: PARAMETER_EXAMPLES[name] } : {}),
      },
    };
  });
};

const refreshCookie: ParameterObject = {
  name: REFRESH_COOKIE.name,
  in: 'cookie',
  description:
    'The HttpOnly refresh cookie browsers hold (login sets it); read when the body has no refresh_token. Swagger UI cannot send it: use the body.',
  schema: { type: 'string', maxLength: 512 },
};

/**
 * The path, header, query and cookie parameters of an operation.
 *
 * @example
 * parametersOf(contract.books.get).map(({ name, in: where }) => `${where} ${name}`); // ['path id', 'header if-none-match']
 */
export const parametersOf = (route: AppRoute): ParameterObject[] => [
  ...parametersIn('path', route.pathParams),
  ...parametersIn('header', route.headers),
  ...parametersIn('query', route.query),
  ...(READS_REFRESH_COOKIE.has(route) ? [refreshCookie] : []),
];
