// Spectral ruleset for openapi.json (`pnpm lint`): spectral:oas and the OWASP API Security Top 10
// (2023) rules, imported from installed packages so linting fetches nothing. Any error fails lint.
// Every rule turned off below says why; no warning is left unexplained.
//
// What OpenAPI cannot express, and the document therefore does not list per operation:
// - 405 Method Not Allowed with `Allow`: sent for a method a path does not define, and an operation
//   exists only for the methods a path does define. info.description states it.
// - 404 route-not-found for paths outside the contract, the same way.
// - HEAD (answered for every GET) and CORS preflights (OPTIONS, 204 for a listed origin): they are
//   not API operations a client calls; info.description states both.
// - The fixed security headers (helmet: CSP, HSTS, nosniff…) on every response: listed once in
//   info.description rather than on each of the ~200 responses.
import { oas } from '@stoplight/spectral-rulesets';
import owasp from '@stoplight/spectral-owasp-ruleset';

/** A JSON pointer to one operation of openapi.json, for an override. */
const operation = (path, method) => `openapi.json#/paths/${path.replaceAll('/', '~1')}/${method}`;

/** The routes anyone may call: they are how a caller gets credentials, or probes. */
const PUBLIC_WRITES = [
  '/auth/register',
  '/auth/login',
  '/auth/token',
  '/auth/refresh',
  '/auth/logout',
];
/**
 * The routes an emailed link's holder calls: a forgotten password cannot require the credentials
 * it recovers, and a verification link proves the inbox from whatever browser opens it.
 */
const EMAIL_LINK_WRITES = [
  '/auth/password-reset',
  '/auth/password-reset/confirm',
  '/auth/email/confirm',
];
const PUBLIC_READS = ['/health', '/health/ready'];

export default {
  extends: [
    [oas, 'recommended'],
    [owasp, 'all'],
  ],
  rules: {
    // A product requirement: scripts authenticate with HTTP Basic (`curl -u`). Failures count
    // against the same per-IP and per-username limit as logins, and production runs behind HTTPS
    // (COOKIE_SECURE, HSTS); browsers use Bearer tokens and are never challenged for Basic.
    'owasp:api2:2023-no-http-basic': 'off',
    // Every string has a maxLength (string-limit, an error, stays on), and a pattern or format where
    // the value has a shape: ids, usernames, ISBNs, ETags, problem types and codes, single-line text.
    // Passwords, opaque tokens and cursors, and human-readable messages have no shape to state; a
    // made-up pattern would only mislead clients.
    'owasp:api4:2023-string-restricted': 'off',
    // Shelf is self-hosted: whoever runs it is the contact, and the document cannot know them.
    'info-contact': 'off',
  },
  overrides: [
    {
      // Registering, logging in, getting or refreshing tokens and logging out cannot require the
      // credentials they issue. They are guarded instead: credential endpoints are rate limited per
      // client IP and per username, refresh tokens are single-use and rotated.
      files: PUBLIC_WRITES.map((path) => operation(path, 'post')),
      rules: { 'owasp:api2:2023-write-restricted': 'off' },
    },
    {
      // Asking for a reset link and redeeming an emailed token. They are guarded instead: the
      // request is rate limited per client IP and per address and answers the same for every
      // address; a token is 256 random bits, single-use, short-lived and stored only as a hash.
      files: EMAIL_LINK_WRITES.map((path) => operation(path, 'post')),
      rules: { 'owasp:api2:2023-write-restricted': 'off' },
    },
    {
      // Load balancers and orchestrators probe without credentials; the answers reveal only `ok`.
      files: PUBLIC_READS.map((path) => operation(path, 'get')),
      rules: { 'owasp:api2:2023-read-restricted': 'off' },
    },
    {
      // Public routes that never answer 401: nothing there checks credentials (register, the token
      // endpoint whose failures are 400 invalid_grant per RFC 6749, logout of an unknown token, probes).
      files: [
        operation('/auth/register', 'post'),
        operation('/auth/token', 'post'),
        operation('/auth/logout', 'post'),
        // An emailed token that is wrong is a 400 (invalid-reset-token, invalid-email-token): it is
        // not a credential the client could renew.
        ...EMAIL_LINK_WRITES.map((path) => operation(path, 'post')),
        ...PUBLIC_READS.map((path) => operation(path, 'get')),
      ],
      rules: { 'owasp:api8:2023-define-error-responses-401': 'off' },
    },
    {
      // Routes that take no parameters and no body cannot be sent an invalid request: no 400 exists.
      files: [operation('/api/me', 'get'), ...PUBLIC_READS.map((path) => operation(path, 'get'))],
      rules: { 'owasp:api8:2023-define-error-validation': 'off' },
    },
  ],
};
