import type { RequestHandler } from 'express';
import type { CredentialRateLimit } from '../../features/auth/credential-rate-limit.js';

const usernameOf = (body: unknown): string | undefined => {
  if (typeof body !== 'object' || body === null || !('username' in body)) return undefined;
  return typeof body.username === 'string' ? body.username.slice(0, 128) : undefined;
};

/**
 * Counts every attempt at a credential endpoint (login, token, register) per IP and username; mounted
 * on the routes the contract marks `isCredentialEndpoint`.
 */
export const limitCredentialAttempts = (rateLimit: CredentialRateLimit): RequestHandler =>
  function limitCredentialAttemptsMiddleware(req, _res, next) {
    rateLimit.consume(req.ip ?? 'unknown', usernameOf(req.body)).then(() => next(), next);
  };
