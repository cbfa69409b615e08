import { ContractNoBody, isZodType, type AppRoute } from '@ts-rest/core';
import { z } from 'zod';
import { crossCuttingResponses } from '../common/cross-cutting-responses.js';
import { ProblemSchema } from '../common/problem.js';
import { findContractRoute, routesAt } from './find-route.js';
import { strictSchema } from './strict-schema.js';

/** A response as a checker saw it. Header names are lower-case. */
export interface ObservedResponse {
  method: string;
  /** The request's path (with or without query string) or absolute URL. */
  url: string;
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body, the text of any other body, or `undefined` when there was none. */
  body: unknown;
}

/** What a response was checked against and what it broke; no violations means it conforms. */
export interface ConformanceReport {
  /** The contract operation (`books.get`), or undefined when the request was not one. */
  operation: string | undefined;
  violations: string[];
}

/** Books routes whose success responses carry the book's ETag, as their descriptions promise (and books.create its Location). */
const ETAG_OPERATIONS = new Set(['books.get', 'books.create', 'books.replace', 'books.update']);

const headerOf = (response: ObservedResponse, name: string): string | undefined => {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

const mediaTypeOf = (response: ObservedResponse): string =>
  (headerOf(response, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** A `problem(...)` of the contract: sent as application/problem+json, unlike other error bodies (OAuth2's). */
const isProblemSchema = (schema: z.ZodTypeAny): boolean =>
  schema instanceof z.ZodObject &&
  Object.keys(ProblemSchema.shape).every((key) => key in (schema.shape as object));

/** A problem body: the schema, plus `status` and `type` agreeing with the response and its code. */
const problemViolations = (response: ObservedResponse): string[] => {
  const parsed = strictSchema(ProblemSchema).safeParse(response.body);
  if (!parsed.success)
    return [`problem body does not match ProblemSchema: ${parsed.error.message}`];
  const problem = ProblemSchema.parse(response.body);
  const violations: string[] = [];
  if (problem.status !== response.status)
    violations.push(`problem status ${problem.status} differs from the response status`);
  if (problem.type !== `urn:shelf:problem:${problem.code}`)
    violations.push(`problem type ${problem.type} does not name its code ${problem.code}`);
  return violations;
};

/** Headers the contract (and the OpenAPI document generated from it) promises for this status. */
const headerViolations = (response: ObservedResponse, operation: string | undefined): string[] => {
  const required = [
    'x-request-id',
    ...(response.status === 201 && (operation === 'books.create' || operation === 'users.create')
      ? ['location']
      : []),
    ...(response.status === 401 ? ['www-authenticate'] : []),
    ...(response.status === 429 ? ['retry-after'] : []),
    ...(response.status === 412 || response.status === 304 ? ['etag'] : []),
    ...(response.status < 300 && operation !== undefined && ETAG_OPERATIONS.has(operation)
      ? ['etag']
      : []),
  ];
  return required
    .filter((name) => headerOf(response, name) === undefined)
    .map((name) => `missing ${name} header`);
};

/** The body (and its media type) against the schema the route declares for this status. */
const bodyViolations = (response: ObservedResponse, route: AppRoute, schema: unknown): string[] => {
  const isHead = response.method.toUpperCase() === 'HEAD';
  if (schema === ContractNoBody || isHead) {
    return response.body === undefined || response.body === ''
      ? []
      : [`expected no body, got ${JSON.stringify(response.body).slice(0, 200)}`];
  }
  if (!isZodType(schema)) return [`${route.path} declares no schema for ${response.status}`];
  const isProblem = isProblemSchema(schema);
  const expectedType = isProblem ? 'application/problem+json' : 'application/json';
  if (mediaTypeOf(response) !== expectedType)
    return [`content-type ${mediaTypeOf(response) || '(none)'} is not ${expectedType}`];
  if (isProblem) return problemViolations(response);
  const parsed = strictSchema(schema).safeParse(response.body);
  return parsed.success ? [] : [`body does not match the contract: ${parsed.error.message}`];
};

/** A request to an API path under a method it does not have: 405 with `Allow`, as a problem. */
const methodNotAllowedViolations = (response: ObservedResponse): string[] => {
  if (response.method.toUpperCase() === 'OPTIONS') return [];
  const violations =
    response.status === 405
      ? []
      : [`${response.method} has no operation here, but got ${response.status}`];
  if (headerOf(response, 'allow') === undefined) violations.push('missing allow header');
  return [...violations, ...problemViolations(response)];
};

/**
 * Checks one response against the contract: the status must be one the operation declares, the body
 * must match that status's schema (strictly: no undeclared fields; errors as RFC 9457 problems), and
 * the headers the contract promises must be there. Paths outside the contract are only checked for a
 * well-formed problem when they answer with one.
 *
 * @example
 * const report = checkResponse({ method: 'GET', url: '/health', status: 200,
 *   headers: { 'content-type': 'application/json', 'x-request-id': 'r1' }, body: { status: 'ok' } });
 * report.violations; // []
 */
export const checkResponse = (response: ObservedResponse): ConformanceReport => {
  const match = findContractRoute(response.method, response.url);
  if (match === undefined) {
    if (routesAt(response.url).length > 0)
      return { operation: undefined, violations: methodNotAllowedViolations(response) };
    const isProblem = mediaTypeOf(response) === 'application/problem+json';
    return { operation: undefined, violations: isProblem ? problemViolations(response) : [] };
  }
  // What the route declares, and what the server may answer on any route (as the document says).
  const crossCutting = Object.fromEntries(
    Object.entries(crossCuttingResponses(match.route)).map(([status, schema]) => [
      status,
      schema === 'no-body' ? ContractNoBody : schema,
    ]),
  );
  const responses = { ...crossCutting, ...(match.route.responses as Record<string, unknown>) };
  if (!(String(response.status) in responses)) {
    const declared = Object.keys(responses).join(', ');
    return {
      operation: match.name,
      violations: [`status ${response.status} is not declared (declared: ${declared})`],
    };
  }
  return {
    operation: match.name,
    violations: [
      ...headerViolations(response, match.name),
      ...bodyViolations(response, match.route, responses[String(response.status)]),
    ],
  };
};
