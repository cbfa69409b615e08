import type { RequestHandler } from 'express';
import type { Role } from '@shelf/contracts';
import { forbidden } from '../../errors/app-error.js';

/** The role a user has now, or undefined when the account is gone or disabled. */
export type CurrentRole = (userId: string) => Promise<Role | undefined>;

/**
 * Lets through only callers who have `role` now: the role is read afresh (`currentRole`), not taken
 * from the access token, so a demoted or disabled admin loses admin routes at once on every instance
 * and a promoted user gains them without a new token. Anyone else gets a 403 admin-required problem.
 * Mounted after authentication on the routes whose contract says `requiresRole` (route-middleware.ts).
 */
export const requireRole = (role: Role, currentRole: CurrentRole): RequestHandler =>
  function requireRoleMiddleware(req, _res, next) {
    const userId = req.authUser?.id;
    if (userId === undefined) {
      next(forbidden('admin-required', `Only an ${role} may do this`));
      return;
    }
    currentRole(userId).then((current) => {
      next(
        current === role ? undefined : forbidden('admin-required', `Only an ${role} may do this`),
      );
    }, next);
  };
