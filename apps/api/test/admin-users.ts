import { ManagedUserSchema, type ManagedUser } from '@shelf/contracts';
import {
  bearer,
  createUser,
  login,
  loginAs,
  type TestServer,
  type TestUser,
} from './test-server.js';

/**
 * Makes `user` an admin in the database (there is no other way to get the first one). Their tokens
 * still carry the role they were issued with: log in again (`relogin`) for one that says admin.
 */
export const promoteToAdmin = async (server: TestServer, user: { id: string }): Promise<void> => {
  await server.db.updateTable('users').set({ role: 'admin' }).where('id', '=', user.id).execute();
};

/**
 * A registered user made admin in the database (see `promoteToAdmin`), with a fresh login: the
 * access token carries the role it was issued with.
 */
export const createAdmin = async (server: TestServer, prefix = 'admin'): Promise<TestUser> => {
  const user = await createUser(server, prefix);
  await promoteToAdmin(server, user);
  const response = await login(server, user).expect(200);
  const tokens = response.body as { access_token: string; refresh_token: string };
  return {
    ...user,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    auth: bearer(tokens.access_token),
  };
};

/** Logs `user` in again, for a token that carries their current role. */
export const relogin = async (server: TestServer, user: TestUser) =>
  loginAs(server, user.username, user.password);

/** Parses a ManagedUser body strictly (no undeclared field). */
export const managedUserOf = (body: unknown): ManagedUser => ManagedUserSchema.strict().parse(body);

/** PATCH /api/users/:id as `admin`. */
export const patchUser = (
  server: TestServer,
  admin: { auth: Record<string, string> },
  id: string,
  body: object,
) => server.request().patch(`/api/users/${id}`).set(admin.auth).send(body);

/** How many admins are neither disabled nor deleted. */
export const countActiveAdmins = async (server: TestServer): Promise<number> =>
  (
    await server.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .execute()
  ).length;
