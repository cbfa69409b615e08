import { z } from 'zod';
import { MAX_PROBLEM_DETAIL_LENGTH } from './problem.js';

/**
 * The `error` codes of an OAuth 2.0 token endpoint: RFC 6749 §5.2, plus `server_error` and
 * `temporarily_unavailable` (§4.1.2.1) for failures on the server's side (500, 503). A limit the RFC
 * has no code for (415, 429) is an `invalid_request`, explained by `error_description`.
 */
export const OAuthErrorCodeSchema = z.enum([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
]);

/**
 * The body of every error of the OAuth2 token endpoint (RFC 6749 §5.2), sent as `application/json`
 * with `Cache-Control: no-store`; not problem+json, so OAuth2 client libraries read it.
 *
 * @example
 * { "error": "invalid_grant", "error_description": "Invalid username or password" }
 */
export const OAuthErrorSchema = z
  .object({
    error: OAuthErrorCodeSchema.describe('OAuth2 error code (RFC 6749 §5.2)'),
    error_description: z
      .string()
      .max(MAX_PROBLEM_DETAIL_LENGTH + 128)
      .regex(/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/)
      .describe(
        'Human-readable explanation of this occurrence: printable ASCII without " or \\ (RFC 6749 §5.2)',
      ),
  })
  .describe('OAuth 2.0 error response (RFC 6749 §5.2)');

export type OAuthErrorCode = z.infer<typeof OAuthErrorCodeSchema>;
export type OAuthError = z.infer<typeof OAuthErrorSchema>;

/**
 * An OAuth2 error response documented with its own description, for the OpenAPI document.
 *
 * @example
 * responses: { 400: oauthError('invalid_request, unsupported_grant_type or invalid_grant') }
 */
export const oauthError = (description: string) => OAuthErrorSchema.describe(description);
