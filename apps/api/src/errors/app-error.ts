import type { FieldError, KnownProblemCode, OAuthErrorCode } from '@shelf/contracts';

/** Extra members of the problem body and headers of the response, for the few errors that need them. */
export interface AppErrorOptions {
  errors?: FieldError[];
  /**
   * The RFC 6749 §5.2 `error` the token endpoint answers with, when the status alone does not say
   * (oauth-error.ts): `invalid_grant`, `unsupported_grant_type`.
   */
  oauthError?: OAuthErrorCode;
  /** Response headers; a list is sent as one header field per item (several challenges). */
  headers?: Record<string, string | string[]>;
  cause?: unknown;
}

/**
 * An expected failure that becomes a problem+json response: `code` is one of the contracts'
 * KNOWN_PROBLEM_CODES (a new code is added there first, so clients learn of it), `detail` is safe
 * to show to the caller.
 */
export class AppError extends Error {
  constructor(
    readonly code: KnownProblemCode,
    readonly detail: string,
    readonly status: number,
    readonly options: AppErrorOptions = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'AppError';
  }
}

export const badRequest = (code: KnownProblemCode, detail: string, options?: AppErrorOptions) =>
  new AppError(code, detail, 400, options);
export const unauthorized = (code: KnownProblemCode, detail: string, options?: AppErrorOptions) =>
  new AppError(code, detail, 401, options);
export const forbidden = (code: KnownProblemCode, detail: string) =>
  new AppError(code, detail, 403);
export const notFound = (code: KnownProblemCode, detail: string) => new AppError(code, detail, 404);
export const conflict = (code: KnownProblemCode, detail: string) => new AppError(code, detail, 409);
