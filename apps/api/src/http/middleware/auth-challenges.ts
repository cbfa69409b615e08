import type { Request } from 'express';

/** RFC 6750 §3: what a request without usable credentials is challenged with. */
export const BEARER_CHALLENGE = 'Bearer realm="shelf"';
/** RFC 6750 §3.1: an access token was sent but is invalid, expired or revoked. */
export const INVALID_TOKEN_CHALLENGE = 'Bearer realm="shelf", error="invalid_token"';
/** RFC 7617: Basic credentials, UTF-8 encoded, for scripts (`curl --anyauth -u user:password`). */
export const BASIC_CHALLENGE = 'Basic realm="shelf", charset="UTF-8"';

/**
 * True for a request a page script made (fetch, XMLHttpRequest): browsers send `Sec-Fetch-Mode`,
 * and only a navigation says `navigate`. Such a request must not get a Basic challenge, which
 * would make the browser open its own login dialog over the web app or /docs.
 */
const isBrowserScript = (req: Request): boolean => {
  const mode = req.headers['sec-fetch-mode'];
  return mode !== undefined && mode !== 'navigate';
};

/**
 * The WWW-Authenticate challenges of a 401 from a route that takes a Bearer token or Basic
 * credentials: the Bearer one, then Basic unless a browser script sent the request. Sent as one
 * header field each (RFC 9110 §11.6.1).
 */
export const challengesFor = (req: Request, bearer = BEARER_CHALLENGE): string[] =>
  isBrowserScript(req) ? [bearer] : [bearer, BASIC_CHALLENGE];
