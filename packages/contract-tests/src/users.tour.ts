import { randomBytes } from 'node:crypto';
import { ManagedUserPageSchema, ManagedUserSchema, UserSchema } from '@shelf/contracts';
import { bearer, type Account } from './accounts.js';
import type { Report } from './report.js';
import type { Step } from './step.js';

/** The 403 every user-management route answers an account that is not an admin. */
const tourRefusals = async (step: Step, caller: Account): Promise<void> => {
  await step(
    'refuses to list users to an account that is not an admin',
    { method: 'GET', path: '/api/users', headers: bearer(caller) },
    { status: 403, code: 'admin-required' },
  );
  await step(
    'refuses to create a user for an account that is not an admin',
    {
      method: 'POST',
      path: '/api/users',
      headers: bearer(caller),
      json: { username: 'tour_never_made', password: 'never made at all', role: 'admin' },
    },
    { status: 403, code: 'admin-required' },
  );
};

/**
 * User management (`/api/users`). As an admin: list, create a throwaway user, read, change and
 * delete it, and their main errors; the user is deleted whatever happens. As anyone else: the 403s,
 * and the rest is skipped, saying so.
 */
export const tourUsers = async (step: Step, report: Report, caller: Account): Promise<void> => {
  const me = await step(
    'reads the caller’s role',
    { method: 'GET', path: '/api/me', headers: bearer(caller) },
    { status: 200 },
  );
  if (UserSchema.safeParse(me?.body).data?.role !== 'admin') {
    await tourRefusals(step, caller);
    report.skip(
      'users list, create, get, update and delete',
      'needs an admin: pass --username and --password of one',
    );
    return;
  }
  await step(
    'lists users by username',
    { method: 'GET', path: '/api/users?limit=5', headers: bearer(caller) },
    {
      status: 200,
      also: (response) =>
        ManagedUserPageSchema.safeParse(response.body).success ? [] : ['no page'],
    },
  );
  await step(
    'refuses a malformed cursor',
    { method: 'GET', path: '/api/users?cursor=not-a-cursor', headers: bearer(caller) },
    { status: 400, code: 'invalid-cursor' },
  );
  const username = `tour_user_${randomBytes(5).toString('hex')}`;
  const created = await step(
    'creates a user with a normalised email',
    {
      method: 'POST',
      path: '/api/users',
      headers: bearer(caller),
      json: {
        username,
        password: `tour-${username}-password`,
        email: ` ${username.toUpperCase()}@Example.COM`,
        role: 'user',
      },
    },
    {
      status: 201,
      also: (response) =>
        ManagedUserSchema.safeParse(response.body).data?.email === `${username}@example.com`
          ? []
          : ['the email is not trimmed and lower-cased'],
    },
  );
  const user = ManagedUserSchema.safeParse(created?.body).data;
  if (user === undefined) return;
  const path = `/api/users/${user.id}`;
  try {
    await step(
      'refuses a taken username',
      {
        method: 'POST',
        path: '/api/users',
        headers: bearer(caller),
        json: { username, password: 'long enough password', role: 'user' },
      },
      { status: 409, code: 'username-taken' },
    );
    await step('reads the user', { method: 'GET', path, headers: bearer(caller) }, { status: 200 });
    await step(
      'disables the user',
      { method: 'PATCH', path, headers: bearer(caller), json: { disabled: true } },
      {
        status: 200,
        also: (response) =>
          ManagedUserSchema.safeParse(response.body).data?.disabled === true
            ? []
            : ['not disabled'],
      },
    );
    await step(
      'refuses the disabled user’s right password',
      {
        method: 'POST',
        path: '/auth/login',
        json: { username, password: `tour-${username}-password` },
      },
      { status: 403, code: 'account-disabled' },
    );
    await step(
      'refuses an empty change',
      { method: 'PATCH', path, headers: bearer(caller), json: {} },
      { status: 400, code: 'validation-failed' },
    );
  } finally {
    await step(
      'deletes the user',
      { method: 'DELETE', path, headers: bearer(caller) },
      { status: 204 },
    );
  }
  await step(
    'answers 404 for the deleted user',
    { method: 'GET', path, headers: bearer(caller) },
    { status: 404, code: 'user-not-found' },
  );
};
