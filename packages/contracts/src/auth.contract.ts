import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { MAX_BODY_SIZE_TEXT } from './common/body-limit.js';
import { oauthError } from './common/oauth-error.js';
import { problem, protectedRouteProblems, publicRouteProblems } from './common/problem.js';
import type { RouteMetadata } from './common/route-metadata.js';

const c = initContract();

/**
 * The messages a person sees for the account forms (sign-up, sign-in, password change, account
 * deletion), written once here: the API's 400 `errors[].message` carries them.
 */
export const ACCOUNT_FIELD_MESSAGES = {
  username: {
    required: 'Enter a username',
    rules: 'Username must be 3-32 characters: lower-case letters, digits, _ . or -',
  },
  password: {
    required: 'Enter a password',
    tooShort: 'Password must be at least 8 characters',
    tooLong: 'Password must be 128 characters or fewer',
  },
  signIn: {
    username: 'Enter your username',
    usernameTooLong: 'Username must be 128 characters or fewer',
    password: 'Enter your password',
    passwordTooLong: 'Password must be 128 characters or fewer',
  },
  currentPassword: 'Enter your current password',
  resetToken: 'The link is incomplete: open the whole link from the email',
} as const;

/** 3-32 characters of a-z, 0-9, `_`, `.` and `-`. */
export const UsernameSchema = z
  .string({
    required_error: ACCOUNT_FIELD_MESSAGES.username.required,
    invalid_type_error: ACCOUNT_FIELD_MESSAGES.username.required,
  })
  .max(32, ACCOUNT_FIELD_MESSAGES.username.rules)
  .regex(/^[a-z0-9_.-]{3,32}$/, ACCOUNT_FIELD_MESSAGES.username.rules);

/** 8-128 characters. */
export const PasswordSchema = z
  .string({
    required_error: ACCOUNT_FIELD_MESSAGES.password.required,
    invalid_type_error: ACCOUNT_FIELD_MESSAGES.password.required,
  })
  .min(8, ACCOUNT_FIELD_MESSAGES.password.tooShort)
  .max(128, ACCOUNT_FIELD_MESSAGES.password.tooLong);

/** Longest email address accepted (RFC 5321's path limit). */
export const MAX_EMAIL_LENGTH = 254;

/**
 * An email address as a client sends it (an admin, a password reset, an email change): trimmed and lower-cased before it is checked and stored,
 * so `Alice@Example.COM ` and `alice@example.com` are the same address (and the same for the
 * uniqueness rule).
 *
 * @example
 * EmailSchema.parse(' Alice@Example.COM '); // 'alice@example.com'
 */
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(MAX_EMAIL_LENGTH)
  .email('must be an email address');

/** A password being confirmed (sign-in, current password, account deletion): any 1-128 characters. */
const enteredPassword = (required: string) =>
  z
    .string({ required_error: required, invalid_type_error: required })
    .min(1, required)
    .max(128, ACCOUNT_FIELD_MESSAGES.signIn.passwordTooLong);

/**
 * Every role an account can have: `admin` may change any book, `user` only their own (see
 * mayChangeBook).
 *
 * @example
 * ROLES.includes(user.role); // true
 */
export const ROLES = ['admin', 'user'] as const;

/** One of ROLES. */
export const RoleSchema = z.enum(ROLES);

/**
 * An account as the API returns it; never includes the password.
 *
 * @example
 * const me = UserSchema.parse(await (await fetch(`${api}/api/me`, { headers })).json());
 */
export const UserSchema = z.object({
  id: z.string().uuid().max(36),
  username: UsernameSchema,
  role: RoleSchema,
  email: z
    .string()
    .email()
    .max(254)
    .nullable()
    .describe('The account’s email address, normalised (trimmed, lower-cased); null when none'),
  created_at: z.string().datetime().max(32).describe('ISO-8601, UTC'),
});

/**
 * The body of POST /auth/register. The web app validates its sign-up form with it too.
 *
 * @example
 * RegisterBodySchema.safeParse({ username: 'reader_1', password: 'long enough' }).success; // true
 */
export const RegisterBodySchema = z
  .object({ username: UsernameSchema, password: PasswordSchema })
  .strict();

/** Login accepts any bounded strings: a malformed username is simply unknown (401). */
export const LoginBodySchema = z.object({
  username: z
    .string({
      required_error: ACCOUNT_FIELD_MESSAGES.signIn.username,
      invalid_type_error: ACCOUNT_FIELD_MESSAGES.signIn.username,
    })
    .min(1, ACCOUNT_FIELD_MESSAGES.signIn.username)
    .max(128, ACCOUNT_FIELD_MESSAGES.signIn.usernameTooLong),
  password: enteredPassword(ACCOUNT_FIELD_MESSAGES.signIn.password),
});

/** A refresh token sent in a JSON body. */
export const RefreshBodySchema = z.object({
  refresh_token: z
    .string()
    .min(1)
    .max(512)
    .describe('The refresh token from the last login or refresh'),
});

/** Optional on /auth/refresh and /auth/logout: browsers send the HttpOnly cookie instead. */
export const OptionalRefreshBodySchema = z
  .object({ refresh_token: RefreshBodySchema.shape.refresh_token.optional() })
  .optional();

/** OAuth2 token request (RFC 6749 §4.3 and §6), sent as application/x-www-form-urlencoded. */
export const TokenRequestSchema = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('password'),
    username: z.string().min(1).max(128),
    password: z.string().min(1).max(128),
    scope: z.string().max(256).optional(),
  }),
  z.object({
    grant_type: z.literal('refresh_token'),
    refresh_token: z.string().min(1).max(512),
    scope: z.string().max(256).optional(),
  }),
]);

/** Tokens issued by login, the token endpoint and refresh. Lifetimes are in seconds. */
export const TokenResponseSchema = z.object({
  access_token: z.string().max(2048).describe('A signed JWT; send it as `Authorization: Bearer …`'),
  token_type: z.literal('Bearer'),
  expires_in: z
    .number()
    .int()
    .min(1)
    .max(86_400)
    .describe('Seconds until the access token expires (ACCESS_TOKEN_TTL, at most a day)'),
  refresh_token: z.string().max(512),
  refresh_expires_in: z
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .describe('Seconds until the refresh token expires (REFRESH_TOKEN_TTL)'),
});

/**
 * What /auth/refresh returns. When the refresh token came from the HttpOnly cookie, the new one is
 * only in the cookie: page scripts never see a refresh token.
 */
export const RefreshResponseSchema = TokenResponseSchema.extend({
  refresh_token: z
    .string()
    .max(512)
    .optional()
    .describe('The new refresh token; omitted when the request sent its token in the cookie'),
});

/**
 * The body of POST /api/me/password. The new password follows the registration rules.
 *
 * @example
 * ChangePasswordBodySchema.parse({ current_password: 'old secret', new_password: 'new long secret' });
 */
export const ChangePasswordBodySchema = z
  .object({
    current_password: enteredPassword(ACCOUNT_FIELD_MESSAGES.currentPassword).describe(
      'The password in use now',
    ),
    new_password: PasswordSchema.describe('The new password: 8-128 characters'),
  })
  .strict();

/**
 * The body of DELETE /api/me: the account's password, to confirm.
 *
 * @example
 * DeleteAccountBodySchema.parse({ password: 'my secret' });
 */
export const DeleteAccountBodySchema = z
  .object({ password: LoginBodySchema.shape.password.describe('The account’s password') })
  .strict();

/**
 * How long the single-use links Shelf emails stay valid, in seconds: a password reset link 30
 * minutes (it grants the account), an email verification link 24 hours (it only proves the inbox,
 * and mail can be slow).
 *
 * @example
 * `The link works for ${ACCOUNT_TOKEN_LIFETIME_SECONDS.passwordReset / 60} minutes`;
 */
export const ACCOUNT_TOKEN_LIFETIME_SECONDS = {
  passwordReset: 30 * 60,
  emailChange: 24 * 3600,
} as const;

/**
 * A token from an emailed link (`…/reset-password#token=…`, `…/verify-email#token=…`): opaque,
 * URL-safe, single-use.
 */
export const AccountTokenSchema = z
  .string({
    required_error: ACCOUNT_FIELD_MESSAGES.resetToken,
    invalid_type_error: ACCOUNT_FIELD_MESSAGES.resetToken,
  })
  .min(1, ACCOUNT_FIELD_MESSAGES.resetToken)
  .max(128, ACCOUNT_FIELD_MESSAGES.resetToken)
  .describe('The token from the emailed link (after `#token=`)');

/**
 * The body of POST /auth/password-reset: the address of the account whose password is forgotten.
 *
 * @example
 * RequestPasswordResetBodySchema.parse({ email: ' Alice@Example.com' }); // { email: 'alice@example.com' }
 */
export const RequestPasswordResetBodySchema = z
  .object({ email: EmailSchema.describe('The account’s email address (trimmed, lower-cased)') })
  .strict();

/**
 * The body of POST /auth/password-reset/confirm: the emailed token and the new password (the
 * registration rules).
 *
 * @example
 * ConfirmPasswordResetBodySchema.parse({ token: fragmentToken, new_password: 'a new long secret' });
 */
export const ConfirmPasswordResetBodySchema = z
  .object({
    token: AccountTokenSchema,
    new_password: PasswordSchema.describe('The new password: 8-128 characters'),
  })
  .strict();

/**
 * The body of POST /api/me/email: the new address and the account's password, to confirm.
 *
 * @example
 * ChangeEmailBodySchema.parse({ email: 'new@example.com', password: 'my secret' });
 */
export const ChangeEmailBodySchema = z
  .object({
    email: EmailSchema.describe('The new address (trimmed, lower-cased); a link is sent to it'),
    password: enteredPassword(ACCOUNT_FIELD_MESSAGES.currentPassword).describe(
      'The account’s password',
    ),
  })
  .strict();

/**
 * The body of POST /auth/email/confirm: the token from the verification link.
 *
 * @example
 * ConfirmEmailBodySchema.parse({ token: fragmentToken });
 */
export const ConfirmEmailBodySchema = z.object({ token: AccountTokenSchema }).strict();

/**
 * The one answer of POST /auth/password-reset and POST /api/me/email, the same whether or not the
 * address belongs to an account, so it tells nobody which addresses are registered.
 */
export const EmailAcceptedSchema = z.object({
  message: z
    .string()
    .max(256)
    .describe('What happens next, for a person; the same for every address'),
});

/** The fixed `message` of each 202 EmailAccepted response. */
export const EMAIL_ACCEPTED_MESSAGES = {
  passwordReset:
    'If an account uses this address, a link to reset its password is on its way; it works once, for 30 minutes.',
  emailChange:
    'A link to confirm the new address is on its way to it; the address changes once the link is opened.',
} as const;

/**
 * The HttpOnly cookie that carries the refresh token for browsers (`SameSite=Strict`, `Path=/auth`):
 * set by login, the token endpoint, refresh and a password change, cleared by logout and account
 * deletion; /auth/refresh and /auth/logout read it when the body has no refresh_token.
 */
export const REFRESH_COOKIE = { name: 'shelf_refresh_token', path: '/auth' } as const;

const publicCredentialRoute: RouteMetadata = { isPublic: true, isCredentialEndpoint: true };
const publicRoute: RouteMetadata = { isPublic: true };
const tooManyAttempts = problem(
  'Too many attempts from this client or for this username, or too many requests from this client IP (API_RATE_LIMIT; Retry-After)',
);
const bodyTooLarge = problem(`Body larger than ${MAX_BODY_SIZE_TEXT}`);
const invalidRefreshToken = problem('Unknown, expired, revoked or reused refresh token');
const emailUnavailable = problem(
  'This server cannot send email (SMTP_URL is not configured in production; code email-unavailable)',
);
const invalidResetToken = problem(
  'Invalid body (errors lists each field), or the reset link is unknown, used or expired (code invalid-reset-token)',
);
/** What a request that re-confirms the account's password can fail with, besides its own. */
const passwordConfirmationProblems = {
  ...protectedRouteProblems,
  403: problem(
    'The password sent is wrong (code invalid-credentials); counts against the credential rate limit',
  ),
  413: bodyTooLarge,
  415: problem('Body is not application/json'),
  429: problem(
    'Too many failed credentials from this client or for this account (Retry-After), Basic or password confirmations',
  ),
} as const;

/** Accounts and sessions: access tokens (JWT) and rotating refresh tokens. */
export const authContract = c.router(
  {
    register: {
      method: 'POST',
      path: '/auth/register',
      body: RegisterBodySchema,
      responses: {
        201: UserSchema.describe('The new account'),
        400: problem('Invalid username or password; errors lists each field'),
        403: problem('Registration is disabled on this server'),
        409: problem('The username is taken'),
        413: bodyTooLarge,
        415: problem('Body is not application/json'),
        429: tooManyAttempts,
      },
      metadata: publicCredentialRoute,
      summary: 'Register',
      description: 'Creates an account with the `user` role.',
    },
    login: {
      method: 'POST',
      path: '/auth/login',
      body: LoginBodySchema,
      responses: {
        200: TokenResponseSchema.describe('Access and refresh tokens'),
        400: problem('Invalid body'),
        401: problem('Wrong username or password'),
        403: problem(
          'The password is right but an admin disabled the account (code account-disabled)',
        ),
        413: bodyTooLarge,
        415: problem('Body is not application/json'),
        429: tooManyAttempts,
      },
      metadata: publicCredentialRoute,
      summary: 'Log in',
      description:
        'Exchanges a username and password for an access token and a refresh token. Browsers also receive the refresh token as an HttpOnly cookie. The right password of an account an admin disabled gets a 403 (account-disabled); a wrong one the usual 401.',
    },
    token: {
      method: 'POST',
      path: '/auth/token',
      contentType: 'application/x-www-form-urlencoded',
      body: TokenRequestSchema,
      responses: {
        200: TokenResponseSchema.describe('Access and refresh tokens'),
        400: oauthError(
          'invalid_request (a missing or malformed parameter), unsupported_grant_type, or invalid_grant (wrong username or password; the right password of a disabled account; unknown, expired, revoked or reused refresh token)',
        ),
        413: oauthError(`invalid_request: the body is larger than ${MAX_BODY_SIZE_TEXT}`),
        415: oauthError('invalid_request: the body is not application/x-www-form-urlencoded'),
        429: oauthError(
          'invalid_request: too many attempts from this client or for this username, or too many requests from this client (API_RATE_LIMIT); Retry-After says when to try again',
        ),
      },
      metadata: { ...publicCredentialRoute, isOAuth2TokenEndpoint: true } satisfies RouteMetadata,
      summary: 'OAuth2 token endpoint',
      description:
        'OAuth2 password and refresh_token grants (RFC 6749), for Swagger UI’s Authorize button and standard OAuth2 clients. Every error is an RFC 6749 §5.2 `application/json` body with `error` and `error_description` (not problem+json), sent with `Cache-Control: no-store`.',
    },
    refresh: {
      method: 'POST',
      path: '/auth/refresh',
      body: OptionalRefreshBodySchema,
      responses: {
        200: RefreshResponseSchema.describe('New tokens; the refresh token sent is rotated out'),
        204: c.noBody(),
        400: problem('Invalid body (a refresh_token that is not a 1-512 character string)'),
        401: invalidRefreshToken,
        413: bodyTooLarge,
        415: problem('Body is not application/json'),
        ...publicRouteProblems,
      },
      metadata: publicRoute,
      summary: 'Refresh the session',
      description:
        'Rotates the refresh token (from the body, or the HttpOnly cookie). Reusing a rotated token after a 30 s grace window revokes the whole session. A request that presents no refresh token at all (no cookie, no `refresh_token` in the body) answers `204 No Content` with `Cache-Control: no-store`: there is no session, which is not an error, so a signed-out page load can ask without logging one. A token that is presented but unknown, expired, revoked or reused is still a 401.',
    },
    logout: {
      method: 'POST',
      path: '/auth/logout',
      body: OptionalRefreshBodySchema,
      responses: {
        204: c.noBody(),
        400: problem('Invalid body, or no refresh token in the body or cookie'),
        413: bodyTooLarge,
        415: problem('Body is not application/json'),
        ...publicRouteProblems,
      },
      metadata: publicRoute,
      summary: 'Log out',
      description:
        'Revokes the session the refresh token belongs to. Unknown tokens are accepted silently, so logging out twice is harmless.',
    },
    requestPasswordReset: {
      method: 'POST',
      path: '/auth/password-reset',
      body: RequestPasswordResetBodySchema,
      responses: {
        202: EmailAcceptedSchema.describe('Always, whether or not an account uses the address'),
        400: problem('Invalid body; errors lists each field'),
        413: bodyTooLarge,
        415: problem('Body is not application/json'),
        429: problem(
          'Too many requests from this client or for this address (the credential rate limit), or from this client IP (API_RATE_LIMIT); Retry-After',
        ),
        503: emailUnavailable,
      },
      metadata: publicRoute,
      summary: 'Request a password reset',
      description:
        'Emails a single-use link, `APP_URL/reset-password#token=…`, valid for 30 minutes, to the address when an active account uses it. The answer is the same 202 and body, in about the same time, whether or not one does (the lookup and the email happen after the response), so it tells nobody which addresses are registered. Counted per client IP and per address like logins.',
    },
    confirmPasswordReset: {
      method: 'POST',
      path: '/auth/password-reset/confirm',
      body: ConfirmPasswordResetBodySchema,
      responses: {
        204: c.noBody(),
        400: invalidResetToken,
        413: bodyTooLarge,
        415: problem('Body is not application/json'),
        ...publicRouteProblems,
      },
      metadata: publicRoute,
      summary: 'Reset the password',
      description:
        'Sets a new password with the token from a reset link. The token works once and for 30 minutes, and not after any other password change; the account’s sessions are all revoked and access tokens issued before stop working. No session is started: log in with the new password.',
    },
    confirmEmail: {
      method: 'POST',
      path: '/auth/email/confirm',
      body: ConfirmEmailBodySchema,
      responses: {
        204: c.noBody(),
        400: problem(
          'Invalid body, or the verification link is unknown, used or expired (code invalid-email-token)',
        ),
        409: problem('Another account took the address meanwhile (code email-taken)'),
        413: bodyTooLarge,
        415: problem('Body is not application/json'),
        ...publicRouteProblems,
      },
      metadata: publicRoute,
      summary: 'Confirm a new email address',
      description:
        'Attaches the address a verification link was sent to, to the account that asked for it. The token works once and for 24 hours, and not after a password change. Public: opening the link proves the inbox, whichever browser opens it.',
    },
    me: {
      method: 'GET',
      path: '/api/me',
      responses: {
        200: UserSchema.describe('The caller'),
        ...protectedRouteProblems,
      },
      metadata: { cacheControl: 'no-store' } satisfies RouteMetadata,
      summary: 'Current user',
      description: 'The account the credentials belong to.',
    },
    changePassword: {
      method: 'POST',
      path: '/api/me/password',
      body: ChangePasswordBodySchema,
      responses: {
        200: TokenResponseSchema.describe('A new session for this client, as login returns it'),
        400: problem('Invalid body; errors lists each field (the new password as at registration)'),
        ...passwordConfirmationProblems,
      },
      summary: 'Change password',
      description:
        'Replaces the password and starts a new session for the caller: the response is a login response (browsers also receive the refresh cookie). Every other session of the account is revoked, and access tokens issued before the change stop working on every instance within 5 seconds. A wrong `current_password` is a 403, not a 401 (the caller’s own credentials are fine), and counts like a failed login.',
    },
    changeEmail: {
      method: 'POST',
      path: '/api/me/email',
      body: ChangeEmailBodySchema,
      responses: {
        202: EmailAcceptedSchema.describe(
          'Always, whether or not another account uses the address',
        ),
        400: problem('Invalid body; errors lists each field'),
        ...passwordConfirmationProblems,
        503: emailUnavailable,
      },
      summary: 'Change email address',
      description:
        'Confirms the password (a wrong one is a 403 and counts like a failed login), then sends a verification link, `APP_URL/verify-email#token=…` (24 hours, single-use), to the new address and a notice to the current one, if any. The address changes only when the link is confirmed (POST /auth/email/confirm). When another account already uses the address, that address gets a notice instead of a link, and the answer is the same 202: it tells nobody which addresses are registered.',
    },
    deleteAccount: {
      method: 'DELETE',
      path: '/api/me',
      body: DeleteAccountBodySchema,
      responses: {
        204: c.noBody(),
        400: problem('Invalid body; errors lists each field'),
        ...passwordConfirmationProblems,
        409: problem(
          'The caller is the last active admin (code last-admin); promote another admin first',
        ),
      },
      summary: 'Delete account',
      description:
        'Deletes the caller’s account together with the books it owns, its sessions and its idempotency keys, in one transaction. Its access tokens stop working (401) on every instance within 5 seconds, and writes refuse them at once. The last active admin cannot delete their own account. A wrong `password` is a 403 and counts like a failed login.',
    },
  },
  { strictStatusCodes: true },
);

/** DTO types, inferred from the schemas above (never redeclared). */
export type User = z.infer<typeof UserSchema>;
export type Role = z.infer<typeof RoleSchema>;
export type RegisterBody = z.infer<typeof RegisterBodySchema>;
export type LoginBody = z.infer<typeof LoginBodySchema>;
export type TokenRequest = z.infer<typeof TokenRequestSchema>;
export type TokenResponse = z.infer<typeof TokenResponseSchema>;
export type RefreshResponse = z.infer<typeof RefreshResponseSchema>;
export type ChangePasswordBody = z.infer<typeof ChangePasswordBodySchema>;
export type DeleteAccountBody = z.infer<typeof DeleteAccountBodySchema>;
export type RequestPasswordResetBody = z.infer<typeof RequestPasswordResetBodySchema>;
export type ConfirmPasswordResetBody = z.infer<typeof ConfirmPasswordResetBodySchema>;
export type ChangeEmailBody = z.infer<typeof ChangeEmailBodySchema>;
export type ConfirmEmailBody = z.infer<typeof ConfirmEmailBodySchema>;
export type EmailAccepted = z.infer<typeof EmailAcceptedSchema>;
