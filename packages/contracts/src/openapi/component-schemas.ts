import type { SchemaObject } from 'openapi3-ts';
import type { ZodTypeAny } from 'zod';
import {
  ChangePasswordBodySchema,
  DeleteAccountBodySchema,
  LoginBodySchema,
  OptionalRefreshBodySchema,
  RefreshResponseSchema,
  RegisterBodySchema,
  TokenRequestSchema,
  TokenResponseSchema,
  UserSchema,
} from '../auth.contract.js';
import {
  BookPageSchema,
  BookSchema,
  CreateBookBodySchema,
  ReplaceBookBodySchema,
  UpdateBookBodySchema,
} from '../books.contract.js';
import { OAuthErrorSchema } from '../common/oauth-error.js';
import { FieldErrorSchema, ProblemSchema, ValidationProblemSchema } from '../common/problem.js';
import { HealthSchema } from '../health.contract.js';
import { TagCountSchema, TagListSchema } from '../tags.contract.js';
import {
  CreateUserBodySchema,
  ManagedUserPageSchema,
  ManagedUserSchema,
  UpdateUserBodySchema,
} from '../users.contract.js';
import * as examples from './examples.js';
import { referToComponents, schemaOf, type SchemaSide } from './json-schema.js';

const [passwordGrant, refreshTokenGrant] = TokenRequestSchema.options;

/** Which grant schema each `grant_type` selects in the TokenRequest union. */
const GRANT_MAPPING = {
  password: '#/components/schemas/PasswordGrant',
  refresh_token: '#/components/schemas/RefreshTokenGrant',
};

/** A DTO the document names in `components.schemas`. */
interface NamedSchema {
  name: string;
  schema: ZodTypeAny;
  /** Requests show what is sent (defaults optional); responses what is returned. */
  side: SchemaSide;
  example: unknown;
}

/** Every DTO of the contract, by the name generated clients give its type. */
const NAMED_SCHEMAS: readonly NamedSchema[] = [
  { name: 'Book', schema: BookSchema, side: 'output', example: examples.BOOK_EXAMPLE },
  { name: 'BookPage', schema: BookPageSchema, side: 'output', example: examples.BOOK_PAGE_EXAMPLE },
  {
    name: 'CreateBookBody',
    schema: CreateBookBodySchema,
    side: 'input',
    example: examples.CREATE_BOOK_EXAMPLE,
  },
  {
    name: 'ReplaceBookBody',
    schema: ReplaceBookBodySchema,
    side: 'input',
    example: examples.CREATE_BOOK_EXAMPLE,
  },
  {
    name: 'UpdateBookBody',
    schema: UpdateBookBodySchema,
    side: 'input',
    example: examples.UPDATE_BOOK_EXAMPLE,
  },
  { name: 'TagCount', schema: TagCountSchema, side: 'output', example: examples.TAG_COUNT_EXAMPLE },
  { name: 'TagList', schema: TagListSchema, side: 'output', example: examples.TAG_LIST_EXAMPLE },
  { name: 'User', schema: UserSchema, side: 'output', example: examples.USER_EXAMPLE },
  {
    name: 'ManagedUser',
    schema: ManagedUserSchema,
    side: 'output',
    example: examples.MANAGED_USER_EXAMPLE,
  },
  {
    name: 'ManagedUserPage',
    schema: ManagedUserPageSchema,
    side: 'output',
    example: examples.MANAGED_USER_PAGE_EXAMPLE,
  },
  {
    name: 'CreateUserBody',
    schema: CreateUserBodySchema,
    side: 'input',
    example: examples.CREATE_USER_EXAMPLE,
  },
  {
    name: 'UpdateUserBody',
    schema: UpdateUserBodySchema,
    side: 'input',
    example: examples.UPDATE_USER_EXAMPLE,
  },
  {
    name: 'RegisterBody',
    schema: RegisterBodySchema,
    side: 'input',
    example: examples.CREDENTIALS_EXAMPLE,
  },
  {
    name: 'LoginBody',
    schema: LoginBodySchema,
    side: 'input',
    example: examples.CREDENTIALS_EXAMPLE,
  },
  {
    name: 'TokenRequest',
    schema: TokenRequestSchema,
    side: 'input',
    example: examples.TOKEN_REQUEST_EXAMPLE,
  },
  {
    name: 'PasswordGrant',
    schema: passwordGrant,
    side: 'input',
    example: examples.TOKEN_REQUEST_EXAMPLE,
  },
  {
    name: 'RefreshTokenGrant',
    schema: refreshTokenGrant,
    side: 'input',
    example: examples.REFRESH_GRANT_EXAMPLE,
  },
  {
    name: 'TokenResponse',
    schema: TokenResponseSchema,
    side: 'output',
    example: examples.TOKEN_RESPONSE_EXAMPLE,
  },
  {
    name: 'RefreshBody',
    schema: OptionalRefreshBodySchema.unwrap(),
    side: 'input',
    example: examples.REFRESH_BODY_EXAMPLE,
  },
  {
    name: 'RefreshResponse',
    schema: RefreshResponseSchema,
    side: 'output',
    example: examples.TOKEN_RESPONSE_EXAMPLE,
  },
  {
    name: 'ChangePasswordBody',
    schema: ChangePasswordBodySchema,
    side: 'input',
    example: examples.CHANGE_PASSWORD_EXAMPLE,
  },
  {
    name: 'DeleteAccountBody',
    schema: DeleteAccountBodySchema,
    side: 'input',
    example: examples.DELETE_ACCOUNT_EXAMPLE,
  },
  { name: 'Health', schema: HealthSchema, side: 'output', example: examples.HEALTH_EXAMPLE },
  {
    name: 'FieldError',
    schema: FieldErrorSchema,
    side: 'output',
    example: examples.FIELD_ERROR_EXAMPLE,
  },
  { name: 'Problem', schema: ProblemSchema, side: 'output', example: examples.PROBLEM_EXAMPLE },
  {
    name: 'ValidationProblem',
    schema: ValidationProblemSchema,
    side: 'output',
    example: examples.VALIDATION_PROBLEM_EXAMPLE,
  },
  {
    name: 'OAuthError',
    schema: OAuthErrorSchema,
    side: 'output',
    example: examples.OAUTH_ERROR_EXAMPLE,
  },
];

/**
 * The same zod schema up to its description: `BookSchema.describe('The created book')` is still a
 * Book. zod's `describe()` copies the definition and changes only `description`.
 */
const isSameSchema = (a: ZodTypeAny, b: ZodTypeAny): boolean => {
  if (a === b) return true;
  if (a.constructor !== b.constructor) return false;
  const defA = a._def as Record<string, unknown>;
  const defB = b._def as Record<string, unknown>;
  const keys = new Set([...Object.keys(defA), ...Object.keys(defB)]);
  keys.delete('description');
  return [...keys].every((key) => defA[key] === defB[key]);
};

/**
 * The name of the component a contract schema is, if it is one.
 *
 * @example
 * componentNameOf(BookSchema.describe('The book')); // 'Book'
 */
export const componentNameOf = (schema: ZodTypeAny): string | undefined =>
  NAMED_SCHEMAS.find((named) => isSameSchema(named.schema, schema))?.name;

const generated = new Map(
  NAMED_SCHEMAS.map(({ name, schema, side }) => [name, schemaOf(schema, side)]),
);

/** `components.schemas`: every DTO with an example, nested DTOs as references. */
export const COMPONENT_SCHEMAS: Readonly<Record<string, SchemaObject>> = Object.fromEntries(
  NAMED_SCHEMAS.map(({ name, example }) => {
    const others = new Map([...generated].filter(([other]) => other !== name));
    const own = generated.get(name) ?? {};
    const schema = referToComponents(own, others, false);
    return [
      name,
      name === 'TokenRequest'
        ? {
            ...schema,
            discriminator: { propertyName: 'grant_type', mapping: GRANT_MAPPING },
            example,
          }
        : { ...schema, example },
    ];
  }),
);

/** Nested DTOs of an operation's schema as references to their components. */
export const withComponentReferences = (schema: SchemaObject) =>
  referToComponents(schema, generated, false);
