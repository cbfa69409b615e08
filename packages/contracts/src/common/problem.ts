import { z } from 'zod';

/** One invalid field of a request, as reported in a validation problem. */
export const FieldErrorSchema = z.object({
  path: z
    .string()
    .describe('Dotted location of the field, prefixed by where it was sent: body.title'),
  message: z.string(),
});

/**
 * RFC 9457 problem details: the body of every non-2xx response.
 *
 * @example
 * { "type": "urn:shelf:problem:book-not-found", "title": "Not Found", "status": 404,
 *   "detail": "No book with id 7b0c…", "code": "book-not-found" }
 */
export const ProblemSchema = z
  .object({
    type: z.string().describe('URI naming the problem type: urn:shelf:problem:<code>'),
    title: z.string().describe('Short summary of the status'),
    status: z.number().int(),
    detail: z.string().describe('Human-readable explanation of this occurrence'),
    code: z.string().describe('Machine-readable problem code, the last segment of type'),
    errors: z.array(FieldErrorSchema).optional().describe('Present on validation problems'),
    error: z.string().optional().describe('OAuth2 error code, on /auth/token only (RFC 6749)'),
  })
  .describe('Problem details (RFC 9457)');

export type Problem = z.infer<typeof ProblemSchema>;
export type FieldError = z.infer<typeof FieldErrorSchema>;

/**
 * A problem response documented with its own description, for the OpenAPI document.
 *
 * @example
 * responses: { 404: problem('No book with this id') }
 */
export const problem = (description: string) => ProblemSchema.describe(description);

/** The responses every protected route can produce besides its own. */
export const protectedRouteProblems = {
  401: problem('Missing, invalid or expired credentials (WWW-Authenticate: Bearer)'),
  429: problem('Too many failed Basic credentials from this client (Retry-After)'),
} as const;
