import { OAuthErrorSchema, type OAuthError } from '@shelf/contracts';

/**
 * Asserts an RFC 6749 §5.2 error of the token endpoint: the status, `application/json` (not
 * problem+json), `Cache-Control: no-store`, and a body of exactly `error` and `error_description`
 * in the characters the RFC allows. Returns the body.
 */
export const expectOAuthError = (
  response: { status: number; headers: Record<string, string>; body: unknown },
  status: number,
  error: OAuthError['error'],
): OAuthError => {
  const contentType = String(response.headers['content-type']);
  if (response.status !== status || !/^application\/json(;|$)/.test(contentType)) {
    throw new Error(
      `expected a ${status} application/json OAuth2 error, got ${response.status} ${contentType}: ${JSON.stringify(response.body)}`,
    );
  }
  if (response.headers['cache-control'] !== 'no-store') {
    throw new Error(`expected Cache-Control: no-store, got ${response.headers['cache-control']}`);
  }
  const body = OAuthErrorSchema.strict().parse(response.body);
  if (body.error !== error) throw new Error(`expected error ${error}, got ${JSON.stringify(body)}`);
  if (!/^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/.test(body.error_description)) {
    throw new Error(`error_description has characters RFC 6749 forbids: ${body.error_description}`);
  }
  return body;
};
