import type { ErrorRequestHandler } from 'express';
import { MAX_BODY_SIZE_TEXT } from '@shelf/contracts';
import { isTokenEndpointRequest } from '../http/contract-route.js';
import { AppError } from './app-error.js';
import { databaseProblem } from './database-problem.js';
import { sendOAuthError } from './oauth-error.js';
import { sendProblem } from './problem.js';

/** What body-parser attaches to the errors it raises. */
interface HttpError {
  status: number;
  type?: string;
}

const isHttpError = (error: unknown): error is HttpError =>
  typeof error === 'object' &&
  error !== null &&
  'status' in error &&
  typeof error.status === 'number' &&
  error.status >= 400 &&
  error.status < 500;

/** Turns a body-parser (or other http-errors) client error into an AppError with a clear detail. */
const fromHttpError = (error: HttpError): AppError => {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError('malformed-body', 'The request body is not valid JSON', 400);
    case 'entity.too.large':
      return new AppError(
        'body-too-large',
        `The request body is larger than ${MAX_BODY_SIZE_TEXT}`,
        413,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(
        'unsupported-encoding',
        'The request body encoding or charset is not supported',
        415,
      );
    case 'request.aborted':
      return new AppError('request-aborted', 'The request was aborted', 400);
    default:
      return new AppError('bad-request', 'The request could not be read', error.status);
  }
};

/**
 * The last middleware: every error becomes problem+json, or, at the OAuth2 token endpoint, an RFC
 * 6749 §5.2 error (oauth-error.ts). Expected errors keep their status; anything else is logged with
 * its stack and answered with a generic 500 that reveals nothing.
 */
export const handleError = (): ErrorRequestHandler =>
  function handleErrorMiddleware(error: unknown, req, res, next) {
    if (res.headersSent) {
      next(error);
      return;
    }
    const send = isTokenEndpointRequest(req) ? sendOAuthError : sendProblem;
    if (error instanceof AppError) {
      send(res, error);
      return;
    }
    if (isHttpError(error)) {
      send(res, fromHttpError(error));
      return;
    }
    const outage = databaseProblem(error);
    if (outage !== undefined) {
      req.log.warn({ err: error, code: outage.code }, outage.detail);
      send(res, outage);
      return;
    }
    req.log.error({ err: error }, 'unhandled error');
    send(res, new AppError('internal-error', 'Something went wrong on our side', 500));
  };
