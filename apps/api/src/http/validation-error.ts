import type { NextFunction, Request, Response } from 'express';
import type { RequestValidationError } from '@ts-rest/express';
import type { ZodError } from 'zod';
import { isOAuth2TokenEndpoint, type FieldError } from '@shelf/contracts';
import { AppError } from '../errors/app-error.js';
import { contractRouteOf } from './contract-route.js';

const fieldErrors = (where: string, error: ZodError | null): FieldError[] =>
  (error?.issues ?? []).map((issue) => ({
    path: [where, ...issue.path].join('.'),
    message: issue.message,
  }));

/** RFC 6749 §5.2: which OAuth2 error a malformed token request is. */
const oauthErrorOf = (errors: FieldError[]) =>
  errors.some((error) => error.path === 'body.grant_type')
    ? 'unsupported_grant_type'
    : 'invalid_request';

const isTokenEndpoint = (req: Request): boolean => {
  const route = contractRouteOf(req);
  return route !== undefined && isOAuth2TokenEndpoint(route);
};

/** ts-rest's request validation failures as one 400 problem listing every invalid field. */
export const handleValidationError = (
  error: RequestValidationError,
  req: Request,
  _res: Response,
  next: NextFunction,
): void => {
  const errors = [
    ...fieldErrors('params', error.pathParams),
    ...fieldErrors('headers', error.headers),
    ...fieldErrors('query', error.query),
    ...fieldErrors('body', error.body),
  ];
  const summary = errors.map((field) => `${field.path} ${field.message}`).join('; ');
  next(
    new AppError('validation-failed', `Invalid request: ${summary}`, 400, {
      errors,
      ...(isTokenEndpoint(req) ? { oauthError: oauthErrorOf(errors) } : {}),
    }),
  );
};
