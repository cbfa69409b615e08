import type { Request } from 'express';
import { initServer } from '@ts-rest/express';
import { usersContract, type ManagedUser, type UpdateUserInput } from '@shelf/contracts';
import { requireAuthUser } from '../../http/request-auth-user.js';
import * as users from './users.service.js';
import type { UsersDeps } from './users.service.js';

const s = initServer();

/** The admin actions the log names. */
type AdminAction = 'user.create' | 'user.update' | 'user.delete';

/**
 * Logs an admin's action at info with the request's logger (request id, method, url): who did it,
 * what, and to whom, by id and username. Never a password; an email only as "changed".
 */
const logAdminAction = (
  req: Request,
  action: AdminAction,
  target: Pick<ManagedUser, 'id' | 'username'>,
  details: Record<string, unknown> = {},
): void => {
  const actor = requireAuthUser(req);
  req.log.info(
    {
      actor: { id: actor.id, username: actor.username },
      action,
      target: { id: target.id, username: target.username },
      ...details,
    },
    `admin ${actor.username}: ${action} ${target.username}`,
  );
};

/** What a PATCH changed, for the log: the role and disabled values, and whether the email changed. */
const changesOf = (input: UpdateUserInput) => ({
  ...(input.role !== undefined ? { role: input.role } : {}),
  ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
  ...(input.email !== undefined ? { email: input.email === null ? 'removed' : 'set' } : {}),
});

/** HTTP adapter of user management; the contract lets only admins in (route-middleware.ts). */
export const createUsersRouter = (deps: UsersDeps) =>
  s.router(usersContract, {
    list: async ({ query }) => ({ status: 200, body: await users.listUsers(deps, query) }),

    get: async ({ params }) => ({ status: 200, body: await users.getUser(deps, params.id) }),

    create: async ({ body, req, res }) => {
      const created = await users.createManagedUser(deps, body);
      logAdminAction(req, 'user.create', created, { role: created.role });
      res.setHeader('Location', `/api/users/${created.id}`);
      return { status: 201, body: created };
    },

    update: async ({ params, body, req }) => {
      const updated = await users.updateUser(deps, params.id, body);
      logAdminAction(req, 'user.update', updated, { changes: changesOf(body) });
      return { status: 200, body: updated };
    },

    delete: async ({ params, req }) => {
      const deleted = await users.deleteUser(deps, params.id);
      logAdminAction(req, 'user.delete', deleted);
      return { status: 204, body: undefined };
    },
  });
