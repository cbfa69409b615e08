import type { HeaderObject, SchemaObject } from 'openapi3-ts';
import { REFRESH_COOKIE } from '../auth.contract.js';
import { BOOK_ETAG_EXAMPLE } from './examples.js';

const CORS_CONDITION = 'Only when the request’s Origin is one of CORS_ORIGINS.';
const cookieAttributes = `HttpOnly; SameSite=Strict; Path=${REFRESH_COOKIE.path}; Secure unless COOKIE_SECURE=false`;

const text = (maxLength: number, example: string): SchemaObject => ({
  type: 'string',
  maxLength,
  example,
});
const oneOf = (values: [string, ...string[]]): SchemaObject => ({
  type: 'string',
  enum: values,
  example: values[0],
});
const seconds = (maximum: number, example: number): SchemaObject => ({
  type: 'integer',
  format: 'int32',
  minimum: 0,
  maximum,
  example,
});

/**
 * `components.headers`: every response header the API sets on purpose, with when it is sent, named
 * after the header; a header with several meanings (Cache-Control, ETag, Set-Cookie) has one
 * component per meaning.
 */
export const HEADER_COMPONENTS = {
  'X-Request-Id': {
    description:
      'X-Request-Id: the request’s id, on every response: the caller’s X-Request-Id when it is 1-128 characters of letters, digits, `_ . : -`, else a new UUID. Logged with every line of the request.',
    schema: { ...text(128, '0f8fad5b-d9cb-469f-a165-70867728950e'), pattern: '^[\\w.:-]{1,128}$' },
  },
  Vary: {
    description:
      'On every response: the CORS headers depend on the request’s Origin, so a shared cache never hands one origin’s response to another.',
    schema: oneOf(['Origin']),
  },
  'RateLimit-Limit': {
    description:
      'RateLimit-Limit: requests a minute allowed to this user, or to this client IP without credentials (API_RATE_LIMIT). On every response unless API_RATE_LIMIT=0.',
    schema: seconds(1_000_000, 600),
  },
  'RateLimit-Remaining': {
    description:
      'RateLimit-Remaining: requests left in the current minute. Unless API_RATE_LIMIT=0.',
    schema: seconds(1_000_000, 599),
  },
  'RateLimit-Reset': {
    description: 'RateLimit-Reset: seconds until the current minute ends. Unless API_RATE_LIMIT=0.',
    schema: seconds(60, 42),
  },
  'Access-Control-Allow-Origin': {
    description: `Access-Control-Allow-Origin: the request’s Origin, echoed (never \`*\`). ${CORS_CONDITION}`,
    schema: { ...text(2048, 'http://localhost:5173'), format: 'uri' },
  },
  'Access-Control-Allow-Credentials': {
    description: `Access-Control-Allow-Credentials: the browser may send the refresh cookie. ${CORS_CONDITION}`,
    schema: oneOf(['true']),
  },
  'Access-Control-Expose-Headers': {
    description: `Access-Control-Expose-Headers: the headers a page script may read. ${CORS_CONDITION}`,
    schema: text(256, 'Location,ETag,Idempotent-Replayed,X-Request-Id,Retry-After,RateLimit-Limit'),
  },
  ETag: {
    description:
      'A weak validator of this body (W/"…"), on every response with a body. On a GET, send it back as If-None-Match to get 304 while the response is unchanged.',
    schema: { ...text(1024, 'W/"1f-2Yd7c0S0kq3mWq4v1lq0x2qg4Ck"') },
  },
  BookETag: {
    description:
      'The book’s version, a strong ETag that changes with every write. Send it as If-None-Match on GET (304 while unchanged) or If-Match on PUT, PATCH and DELETE.',
    schema: { ...text(64, BOOK_ETAG_EXAMPLE), pattern: '^"v[0-9]+-[0-9a-f-]{36}"$' },
  },
  CacheControlNoStore: {
    description: 'Cache-Control: no cache may keep this response (errors, tokens, the account).',
    schema: oneOf(['no-store']),
  },
  CacheControlPrivate: {
    description:
      'Cache-Control: only the caller’s browser may keep this response, and must revalidate it (If-None-Match) before each use.',
    schema: oneOf(['private, no-cache']),
  },
  Pragma: {
    description: 'For HTTP/1.0 caches, with Cache-Control: no-store on token responses.',
    schema: oneOf(['no-cache']),
  },
  SetRefreshCookie: {
    description: `Sets the refresh cookie \`${REFRESH_COOKIE.name}\` to the new refresh token (${cookieAttributes}; Max-Age REFRESH_TOKEN_TTL). Browsers then refresh without page scripts ever holding the token.`,
    schema: {
      ...text(
        1024,
        `${REFRESH_COOKIE.name}=q7Yv3kR9xWm2Lp8Tn4Zs6Bd1Hf5Jc0Ga9Ue3Oi7Ky2M; Max-Age=2592000; Path=/auth; Expires=Fri, 25 Dec 2026 12:00:00 GMT; HttpOnly; Secure; SameSite=Strict`,
      ),
      pattern: `^${REFRESH_COOKIE.name}=`,
    },
  },
  ClearRefreshCookie: {
    description: `Clears the refresh cookie \`${REFRESH_COOKIE.name}\` (empty value, expired; ${cookieAttributes}).`,
    schema: {
      ...text(
        1024,
        `${REFRESH_COOKIE.name}=; Path=/auth; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Strict`,
      ),
      pattern: `^${REFRESH_COOKIE.name}=;`,
    },
  },
  Location: {
    description: 'Location: the URL of the created book.',
    schema: {
      ...text(64, '/api/books/7b0c2a34-5d1e-4f3a-9c6b-2e8f1a4d9b70'),
      format: 'uri-reference',
    },
  },
  UserLocation: {
    description: 'Location: the URL of the created user.',
    schema: {
      ...text(64, '/api/users/3f6d8e21-9a4b-4c7d-8e2f-1b5a6c9d0e43'),
      format: 'uri-reference',
    },
  },
  'Idempotent-Replayed': {
    description:
      'Only on a replay: this is the stored response to an earlier request with the same Idempotency-Key and body; nothing was created.',
    schema: oneOf(['true']),
  },
  'WWW-Authenticate': {
    description:
      'One field per scheme to authenticate with: `Bearer realm="shelf"` (with `error="invalid_token"` when a token was refused, RFC 6750), then `Basic realm="shelf", charset="UTF-8"` unless a browser script sent the request (Sec-Fetch-Mode other than navigate), so browsers show no password dialog.',
    schema: { ...text(256, 'Bearer realm="shelf"') },
  },
  'Retry-After': {
    description: 'Retry-After: seconds to wait before trying again.',
    schema: seconds(86_400, 30),
  },
} satisfies Record<string, HeaderObject>;

/** The name of a header component. */
export type HeaderComponent = keyof typeof HEADER_COMPONENTS;
