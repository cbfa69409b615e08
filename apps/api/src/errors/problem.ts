import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import type { Problem } from '@shelf/contracts';
import { BEARER_CHALLENGE } from '../http/middleware/auth-challenges.js';
import type { AppError } from './app-error.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Builds the RFC 9457 body for an error: `type` is a URN naming the code. */
export const toProblem = (error: AppError): Problem => ({
  type: `urn:shelf:problem:${error.code}`,
  title: STATUS_CODES[error.status] ?? 'Error',
  status: error.status,
  detail: error.detail,
  code: error.code,
  ...(error.options.errors !== undefined ? { errors: error.options.errors } : {}),
});

/**
 * Writes an AppError as problem+json, with the headers it asks for; every 401 carries a Bearer
 * challenge (RFC 6750) unless the error names its own (authenticate() adds Basic). No cache keeps a
 * problem: it replaces the route's own Cache-Control.
 */
export const sendProblem = (res: Response, error: AppError): void => {
  res.setHeader('Cache-Control', 'no-store');
  if (error.status === 401) res.setHeader('WWW-Authenticate', BEARER_CHALLENGE);
  for (const [name, value] of Object.entries(error.options.headers ?? {}))
    res.setHeader(name, value);
  res
    .status(error.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(toProblem(error)));
};
