import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../../errors/app-error.js';
import type { ApiRateLimit, RateLimitState } from '../../features/rate-limit/api-rate-limit.js';
import { clientAddressKey } from '../../features/rate-limit/client-address.js';

/**
 * The RateLimit fields of draft 6 of the IETF httpapi RateLimit header fields: the limit, what is
 * left of it, and seconds until the window resets.
 */
const setRateLimitHeaders = (res: Response, state: RateLimitState): void => {
  res.setHeader('RateLimit-Limit', String(state.limit));
  res.setHeader('RateLimit-Remaining', String(state.remaining));
  res.setHeader('RateLimit-Reset', String(state.resetSeconds));
};

const tooManyRequests = (state: RateLimitState) =>
  new AppError(
    'too-many-requests',
    `Too many requests: at most ${state.limit} a minute per user, or per client IP without credentials; retry after ${state.resetSeconds} s (Retry-After)`,
    429,
    { headers: { 'Retry-After': String(state.resetSeconds) } },
  );

const clientIpKey = (req: Request): string => `ip:${clientAddressKey(req.ip ?? 'unknown')}`;

/**
 * Counts the request under `key`, sets its RateLimit headers, then continues: with a 429 when the
 * request is over the limit, else with `error` (the error the request already failed with, if any).
 */
const countThen = (
  limit: ApiRateLimit,
  key: string,
  res: Response,
  next: NextFunction,
  error?: unknown,
): void => {
  limit.count(key).then((state) => {
    setRateLimitHeaders(res, state);
    next(state.isExceeded ? tooManyRequests(state) : error);
  }, next);
};

/** Where the API rate limit is counted: per client IP, or per user once authenticated. */
export interface ApiRateLimitMiddleware {
  /** Counts the request against its client IP: public routes and everything outside the contract. */
  byClientIp: RequestHandler | undefined;
  /**
   * Runs `authenticate`, then counts the request against the user it established, or, when
   * authentication failed, against the client IP: a forged token never spends its user's budget.
   */
  afterAuthentication(authenticate: RequestHandler): RequestHandler;
}

/**
 * The API rate limit as middleware (OWASP API4), every response of a counted request carrying
 * RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset, and a request over the limit answered
 * 429 with Retry-After. Without a limit (API_RATE_LIMIT=0) nothing is counted or added.
 */
export const apiRateLimit = (limit: ApiRateLimit | undefined): ApiRateLimitMiddleware => {
  if (limit === undefined) {
    return { byClientIp: undefined, afterAuthentication: (authenticate) => authenticate };
  }
  return {
    byClientIp: function limitByClientIpMiddleware(req, res, next) {
      countThen(limit, clientIpKey(req), res, next);
    },
    afterAuthentication: (authenticate) =>
      function authenticateAndLimitMiddleware(req, res, next) {
        authenticate(req, res, (error?: unknown) => {
          const user = req.authUser;
          if (error === undefined && user !== undefined) {
            countThen(limit, `user:${user.id}`, res, next);
            return;
          }
          countThen(limit, clientIpKey(req), res, next, error);
        });
      },
  };
};
