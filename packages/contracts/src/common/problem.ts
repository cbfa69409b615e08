import { z } from 'zod';
import type { ProblemCode } from './problem-codes.js';

/** The most field errors a validation problem lists; the detail says how many more there were. */
export const MAX_FIELD_ERRORS = 50;
/** The longest message of one field error; a longer one is cut, ending in `…`. */
export const MAX_FIELD_ERROR_MESSAGE_LENGTH = 500;
/**
 * The longest `detail`: a validation summary of MAX_FIELD_ERRORS fields, or an id or path the request
 * carried (request heads are at most 16 KB).
 */
export const MAX_PROBLEM_DETAIL_LENGTH = 65_536;

/** One invalid field of a request, as reported in a validation problem. */
export const FieldErrorSchema = z.object({
  path: z
    .string()
    .max(1024)
    .describe('Dotted location of the field, prefixed by where it was sent: body.title'),
  message: z.string().max(MAX_FIELD_ERROR_MESSAGE_LENGTH),
});

/**
 * Any kebab-case code, not only the known ones: a newer server may send codes this version does not
 * know. Typed as ProblemCode, so a client can switch on the known codes.
 */
const ProblemCodeSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9-]+$/)
  .describe('Machine-readable problem code, the last segment of type') as z.ZodType<
  ProblemCode,
  z.ZodStringDef,
  string
>;

/**
 * RFC 9457 problem details: the body of every non-2xx response.
 *
 * @example
 * { "type": "urn:shelf:problem:book-not-found", "title": "Not Found", "status": 404,
 *   "detail": "No book with id 7b0c…", "code": "book-not-found" }
 */
export const ProblemSchema = z
  .object({
    type: z
      .string()
      .max(128)
      .regex(/^urn:shelf:problem:[a-z0-9-]+$/)
      .describe('URI naming the problem type: urn:shelf:problem:<code>'),
    title: z.string().max(64).describe('Short summary of the status'),
    status: z.number().int().min(400).max(599),
    detail: z
      .string()
      .max(MAX_PROBLEM_DETAIL_LENGTH)
      .describe('Human-readable explanation of this occurrence'),
    code: ProblemCodeSchema,
    errors: z
      .array(FieldErrorSchema)
      .max(MAX_FIELD_ERRORS)
      .optional()
      .describe('Present on validation problems'),
  })
  .describe('Problem details (RFC 9457)');

/**
 * A problem about an invalid request (code `validation-failed`), listing each invalid field.
 *
 * @example
 * { "type": "urn:shelf:problem:validation-failed", "title": "Bad Request", "status": 400,
 *   "detail": "Invalid request: body.title Required", "code": "validation-failed",
 *   "errors": [{ "path": "body.title", "message": "Required" }] }
 */
export const ValidationProblemSchema = ProblemSchema.extend({
  code: z.literal('validation-failed'),
  errors: z.array(FieldErrorSchema).max(MAX_FIELD_ERRORS),
}).describe('A problem listing each invalid field of the request');

export type Problem = z.infer<typeof ProblemSchema>;
export type FieldError = z.infer<typeof FieldErrorSchema>;
export type ValidationProblem = z.infer<typeof ValidationProblemSchema>;

/**
 * A problem response documented with its own description, for the OpenAPI document.
 *
 * @example
 * responses: { 404: problem('No book with this id') }
 */
export const problem = (description: string) => ProblemSchema.describe(description);

/** The responses every protected route can produce besides its own. */
export const protectedRouteProblems = {
  401: problem(
    'Missing, invalid or expired credentials (WWW-Authenticate: Bearer, and Basic unless a browser script sent the request)',
  ),
  429: problem(
    'Too many requests from this user (API_RATE_LIMIT), or too many failed Basic credentials from this client (Retry-After)',
  ),
} as const;

/** The responses every public route can produce besides its own: the API rate limit, per client IP. */
export const publicRouteProblems = {
  429: problem('Too many requests from this client IP (API_RATE_LIMIT; Retry-After)'),
} as const;
