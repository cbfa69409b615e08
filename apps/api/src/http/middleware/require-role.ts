import type { RequestHandler } from 'express';
import type { Role } from '@shelf/contracts';
import { forbidden } from '../../errors/app-error.js';

/**
 * Lets through only callers with `role`, as authenticate() established them; anyone else gets a
 * 403 admin-required problem. Mounted after authentication on the routes whose contract says
 * `requiresRole` (route-middleware.ts).
 */
export const requireRole = (role: Role): RequestHandler =>
  function requireRoleMiddleware(req, _res, next) {
    if (req.authUser?.role !== role) {
      next(forbidden('admin-required', `Only an ${role} may do this`));
      return;
    }
    next();
  };
