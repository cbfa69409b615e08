import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import {
  EmailSchema,
  MAX_EMAIL_LENGTH,
  PasswordSchema,
  RoleSchema,
  UserSchema,
  UsernameSchema,
} from './auth.contract.js';
import { MAX_BODY_SIZE_TEXT } from './common/body-limit.js';
import { CursorSchema, LimitSchema, pageOf } from './common/pagination.js';
import { problem, protectedRouteProblems } from './common/problem.js';
import type { RouteMetadata } from './common/route-metadata.js';
import { singleLine } from './common/single-line.js';

const c = initContract();

/**
 * An account as an admin sees it: the User fields and whether an admin disabled it. A disabled
 * account keeps its books but cannot log in, and its tokens are refused.
 *
 * @example
 * const user = ManagedUserSchema.parse(await (await fetch(`${api}/api/users/${id}`, { headers })).json());
 * if (user.disabled) console.log(`${user.username} is disabled`);
 */
export const ManagedUserSchema = UserSchema.extend({
  disabled: z.boolean().describe('True while an admin has disabled the account'),
});

/** One page of GET /api/users: `{ items, next_cursor }`, by username. */
export const ManagedUserPageSchema = pageOf(ManagedUserSchema);

/**
 * The query of GET /api/users. `q` is matched case-insensitively as a substring of the username or
 * the email address; `%` and `_` in it are literal.
 *
 * @example
 * ListUsersQuerySchema.parse({ q: ' Example.COM', limit: '50' }); // { q: 'example.com', limit: 50 }
 */
export const ListUsersQuerySchema = z.object({
  q: singleLine(z.string().trim().toLowerCase().max(MAX_EMAIL_LENGTH))
    .optional()
    .describe('Case-insensitive substring of the username or email (% and _ are literal)'),
  cursor: CursorSchema.optional(),
  limit: LimitSchema,
});

/**
 * The body of POST /api/users: an account created by an admin, with any role. Unknown fields are
 * rejected.
 *
 * @example
 * CreateUserBodySchema.parse({ username: 'carol', password: 'a long secret', role: 'user' });
 */
export const CreateUserBodySchema = z
  .object({
    username: UsernameSchema,
    password: PasswordSchema.describe('8-128 characters'),
    email: EmailSchema.optional().describe('Optional; stored trimmed and lower-cased'),
    role: RoleSchema,
  })
  .strict();

/**
 * The body of PATCH /api/users/:id: at least one of `role`, `disabled` and `email`; `email: null`
 * removes the address. Unknown fields are rejected.
 *
 * @example
 * UpdateUserBodySchema.parse({ disabled: true });
 * UpdateUserBodySchema.parse({ email: ' Carol@Example.com' }); // { email: 'carol@example.com' }
 */
export const UpdateUserBodySchema = z
  .object({
    role: RoleSchema,
    disabled: z
      .boolean()
      .describe('true disables the account (its sessions end); false enables it again'),
    email: EmailSchema.nullable().describe('The new address, or null to remove it'),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field')
  .describe('At least one of role, disabled and email; only the fields sent change');

/** Any string: one that names no user, a malformed one included, is a 404 (users.service.ts). */
const UserIdParamsSchema = z.object({
  id: z.string().describe('User id (UUID); an id that names no user, malformed or not, is a 404'),
});

const adminsOnly: RouteMetadata = { requiresRole: 'admin', cacheControl: 'no-store' };
const notAdmin = problem('The caller is not an admin (code admin-required)');
const userNotFound = problem('No user with this id (code user-not-found)');
const lastAdmin = problem(
  'The change would leave no active admin (code last-admin); promote or enable another admin first',
);
const malformedPath = problem(
  'The path is not valid percent-encoding (code bad-request); errors lists each field',
);

/** What every admin route can fail with, besides its own. */
const adminRouteProblems = { 403: notAdmin, ...protectedRouteProblems } as const;

/** What a request with a JSON body can fail with, besides its own. */
const bodyProblems = {
  413: problem(`Body larger than ${MAX_BODY_SIZE_TEXT}`),
  415: problem('Body is not application/json'),
} as const;

/**
 * User management, for admins only (`requiresRole: 'admin'`: anyone else gets 403). Disabling,
 * demoting and deleting a user end their sessions and void their access tokens; the last active
 * admin can never be demoted, disabled or deleted.
 */
export const usersContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/api/users',
      query: ListUsersQuerySchema,
      responses: {
        200: ManagedUserPageSchema.describe('A page of users, by username'),
        400: problem('Invalid query parameter or cursor'),
        ...adminRouteProblems,
      },
      metadata: adminsOnly,
      summary: 'List users',
      description:
        'Keyset-paginated list of every account, ordered by username. `q` keeps the accounts whose username or email contains it (case-insensitive). Pass `next_cursor` back as `cursor` (with the same `q`) for the next page; it is `null` on the last page. Admins only.',
    },
    get: {
      method: 'GET',
      path: '/api/users/:id',
      pathParams: UserIdParamsSchema,
      responses: {
        200: ManagedUserSchema.describe('The user'),
        400: malformedPath,
        404: userNotFound,
        ...adminRouteProblems,
      },
      metadata: adminsOnly,
      summary: 'Get a user',
      description: 'One account by id. Admins only.',
    },
    create: {
      method: 'POST',
      path: '/api/users',
      body: CreateUserBodySchema,
      responses: {
        201: ManagedUserSchema.describe('The new account; Location gives its URL'),
        400: problem('Invalid body; errors lists each field'),
        409: problem(
          'The username is taken (code username-taken), or another account has this email (code email-taken)',
        ),
        ...bodyProblems,
        ...adminRouteProblems,
      },
      metadata: adminsOnly,
      summary: 'Create a user',
      description:
        'Creates an account with the given role, whether or not self-registration is allowed. The email, if any, is stored trimmed and lower-cased and must be unique. Responds with a Location header. Admins only.',
    },
    update: {
      method: 'PATCH',
      path: '/api/users/:id',
      pathParams: UserIdParamsSchema,
      body: UpdateUserBodySchema,
      responses: {
        200: ManagedUserSchema.describe('The user as changed'),
        400: problem('Invalid body (at least one field is needed); errors lists each field'),
        404: userNotFound,
        409: problem(
          'The change would leave no active admin (code last-admin), or another account has this email (code email-taken)',
        ),
        ...bodyProblems,
        ...adminRouteProblems,
      },
      metadata: adminsOnly,
      summary: 'Update a user',
      description:
        'Changes the role, sets or removes (`null`) the email, or disables (`disabled: true`) or enables the account; only the fields sent change. Disabling, enabling or demoting a user revokes every session of theirs, and their access tokens stop working on every instance within 5 seconds (writes refuse them at once); a disabled user cannot log in (403 account-disabled). The last active admin cannot be demoted or disabled (409 last-admin). Admins only.',
    },
    delete: {
      method: 'DELETE',
      path: '/api/users/:id',
      pathParams: UserIdParamsSchema,
      body: c.noBody(),
      responses: {
        204: c.noBody(),
        400: malformedPath,
        404: userNotFound,
        409: lastAdmin,
        ...adminRouteProblems,
      },
      metadata: adminsOnly,
      summary: 'Delete a user',
      description:
        'Deletes the account together with the books it owns, its sessions and its idempotency keys, in one transaction; its access tokens stop working on every instance within 5 seconds. The last active admin cannot be deleted (409 last-admin). Admins only.',
    },
  },
  { strictStatusCodes: true },
);

/** DTO types, inferred from the schemas above (never redeclared). */
export type ManagedUser = z.infer<typeof ManagedUserSchema>;
export type ManagedUserPage = z.infer<typeof ManagedUserPageSchema>;
export type ListUsersQuery = z.output<typeof ListUsersQuerySchema>;
/** What an admin sends to create a user. */
export type CreateUserBody = z.input<typeof CreateUserBodySchema>;
/** A create body after validation and normalisation. */
export type CreateUserInput = z.output<typeof CreateUserBodySchema>;
/** What an admin sends to change a user. */
export type UpdateUserBody = z.input<typeof UpdateUserBodySchema>;
/** An update body after validation and normalisation. */
export type UpdateUserInput = z.output<typeof UpdateUserBodySchema>;
