import type { Request } from 'express';
import { AppError } from '../errors/app-error.js';
import type { AuthUser } from '../features/auth/auth-user.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express types requests in this namespace
  namespace Express {
    interface Request {
      /** Set by authenticate() on protected routes. */
      authUser?: AuthUser;
    }
  }
}

/**
 * The caller of a protected route; a missing user means the route was wired without authenticate().
 * Takes any request ts-rest hands a handler (its `query` is the parsed one, not Express's).
 */
export const requireAuthUser = (req: Pick<Request, 'authUser'>): AuthUser => {
  if (req.authUser === undefined) {
    throw new AppError('unauthenticated', 'Unauthorized', 401);
  }
  return req.authUser;
};
