import type { NextFunction, Request, Response } from 'express';
import type { RequestValidationError } from '@ts-rest/express';
import type { ZodError } from 'zod';
import {
  MAX_FIELD_ERROR_MESSAGE_LENGTH,
  MAX_FIELD_ERRORS,
  type FieldError,
} from '@shelf/contracts';
import { AppError } from '../errors/app-error.js';
import { isTokenEndpointRequest } from './contract-route.js';

/** A message within the documented bound: zod repeats what was sent (an unknown key, an enum value). */
const boundedMessage = (message: string): string =>
  message.length <= MAX_FIELD_ERROR_MESSAGE_LENGTH
    ? message
    : `${message.slice(0, MAX_FIELD_ERROR_MESSAGE_LENGTH - 1)}…`;

const fieldErrors = (where: string, error: ZodError | null): FieldError[] =>
  (error?.issues ?? []).map((issue) => ({
    path: [where, ...issue.path].join('.'),
    message: boundedMessage(issue.message),
  }));

/**
 * RFC 6749 §5.2: which OAuth2 error a malformed token request is. A grant_type sent but not
 * supported is `unsupported_grant_type`; a missing one, like any other bad parameter, is
 * `invalid_request`.
 */
const oauthErrorOf = (req: Request, errors: FieldError[]) => {
  const body: unknown = req.body;
  const grantType =
    typeof body === 'object' && body !== null && 'grant_type' in body ? body.grant_type : undefined;
  return typeof grantType === 'string' &&
    grantType !== '' &&
    errors.some((error) => error.path === 'body.grant_type')
    ? 'unsupported_grant_type'
    : 'invalid_request';
};

/** ts-rest's request validation failures as one 400 problem listing every invalid field. */
export const handleValidationError = (
  error: RequestValidationError,
  req: Request,
  _res: Response,
  next: NextFunction,
): void => {
  const allErrors = [
    ...fieldErrors('params', error.pathParams),
    ...fieldErrors('headers', error.headers),
    ...fieldErrors('query', error.query),
    ...fieldErrors('body', error.body),
  ];
  // A 100 KB body can hold thousands of invalid array items: the answer lists a bounded number.
  const errors = allErrors.slice(0, MAX_FIELD_ERRORS);
  const unlisted = allErrors.length - errors.length;
  const summary =
    errors.map((field) => `${field.path} ${field.message}`).join('; ') +
    (unlisted > 0 ? `; and ${unlisted} more` : '');
  next(
    new AppError('validation-failed', `Invalid request: ${summary}`, 400, {
      errors,
      ...(isTokenEndpointRequest(req) ? { oauthError: oauthErrorOf(req, errors) } : {}),
    }),
  );
};
