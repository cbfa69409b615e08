import type { Response } from 'express';
import type { OAuthError, OAuthErrorCode } from '@shelf/contracts';
import type { AppError } from './app-error.js';

/**
 * The RFC 6749 §5.2 code of an error at the token endpoint: the error's own when it has one, else
 * by status. The RFC has none for a body too large, of the wrong type, or a rate limit (413, 415,
 * 429): those are `invalid_request`, and the description says what went wrong.
 */
const oauthCodeOf = (error: AppError): OAuthErrorCode => {
  if (error.options.oauthError !== undefined) return error.options.oauthError;
  if (error.status === 401) return 'invalid_client';
  if (error.status === 503) return 'temporarily_unavailable';
  if (error.status >= 500) return 'server_error';
  return 'invalid_request';
};

/** RFC 6749 §5.2 allows printable ASCII but `"` and `\` in `error_description`. */
const toDescriptionCharacters = (text: string): string =>
  text.replace(/"/g, "'").replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?');

const descriptionOf = (error: AppError): string => {
  const retryAfter = error.options.headers?.['Retry-After'];
  const detail =
    error.status === 429 && typeof retryAfter === 'string'
      ? `${error.detail} (rate limited: retry after ${retryAfter} seconds, see Retry-After)`
      : error.detail;
  return toDescriptionCharacters(detail);
};

/** The RFC 6749 §5.2 body of an error at the token endpoint. */
export const toOAuthError = (error: AppError): OAuthError => ({
  error: oauthCodeOf(error),
  error_description: descriptionOf(error),
});

/**
 * Writes an AppError as the token endpoint must (RFC 6749 §5.2): `application/json` with `error`
 * and `error_description`, never cached (§5.1), with the headers the error asks for (Retry-After).
 * OAuth2 client libraries read `error` from it; they would not from problem+json.
 */
export const sendOAuthError = (res: Response, error: AppError): void => {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  for (const [name, value] of Object.entries(error.options.headers ?? {}))
    res.setHeader(name, value);
  res.status(error.status).json(toOAuthError(error));
};
