import express, { type Express, type Request } from 'express';
import cookieParser from 'cookie-parser';
import { createExpressEndpoints, initServer } from '@ts-rest/express';
import { contract } from '@shelf/contracts';
import type { AuthDeps } from '../features/auth/auth.service.js';
import { createAuthRouter } from '../features/auth/auth.routes.js';
import { verifyCredentials } from '../features/auth/auth.service.js';
import type { CredentialRateLimit } from '../features/auth/credential-rate-limit.js';
import { createBooksRouter } from '../features/books/books.routes.js';
import { createHealthRouter } from '../features/health/health.routes.js';
import { authenticate } from './middleware/authenticate.js';
import { limitCredentialAttempts } from './middleware/limit-credential-attempts.js';
import { requireContentType } from './middleware/require-content-type.js';
import { asContractMiddleware } from './contract-route.js';
import { handleValidationError } from './validation-error.js';

const BODY_LIMIT = '100kb';

export interface RouterDeps extends AuthDeps {
  rateLimit: CredentialRateLimit;
}

/**
 * Mounts every contract route. Each request passes, in order: authentication (unless the contract
 * marks the route public), the content-type check, body parsing, and the credential rate limit; so a
 * caller without credentials learns nothing about bodies, and bodies are parsed only for real routes.
 */
export const mountContractRoutes = (app: Express, deps: RouterDeps): void => {
  const s = initServer();
  const router = s.router(contract, {
    auth: createAuthRouter(deps),
    books: createBooksRouter(deps),
    health: createHealthRouter(deps),
  });
  createExpressEndpoints(contract, router, app, {
    logInitialization: false,
    responseValidation: false,
    globalMiddleware: [
      authenticate({
        accessTokens: deps.accessTokens,
        rateLimit: deps.rateLimit,
        verifyCredentials: (username, password) => verifyCredentials(deps, username, password),
      }),
      requireContentType(),
      express.json({ limit: BODY_LIMIT }),
      express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 100 }),
      cookieParser(),
      limitCredentialAttempts(deps.rateLimit),
    ].map(asContractMiddleware),
    requestValidationErrorHandler: (error, req, res, next) =>
      handleValidationError(error, req as unknown as Request, res, next),
  });
};
