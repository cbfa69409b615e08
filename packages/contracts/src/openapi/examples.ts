/** Example values of the documented types: valid against their schemas (the linters check them). */

const BOOK_ID = '7b0c2a34-5d1e-4f3a-9c6b-2e8f1a4d9b70';
const USER_ID = '3f6d8e21-9a4b-4c7d-8e2f-1b5a6c9d0e43';

/** The strong ETag of BOOK_EXAMPLE. */
export const BOOK_ETAG_EXAMPLE = `"v1-${BOOK_ID}"`;

export const BOOK_EXAMPLE = {
  id: BOOK_ID,
  title: 'Bleak House',
  author: 'Charles Dickens',
  isbn: '9780141439723',
  published_year: 1853,
  tags: ['classic', 'victorian'],
  owner_id: USER_ID,
  owner_username: 'alice',
  created_at: '2026-11-25T12:00:00.000Z',
  updated_at: '2026-11-25T12:00:00.000Z',
};

export const BOOK_PAGE_EXAMPLE = {
  items: [BOOK_EXAMPLE],
  next_cursor: 'eyJrIjoiMjAyNi0xMS0yNVQxMjowMDowMC4wMDBaIn0',
};

export const CREATE_BOOK_EXAMPLE = {
  title: 'Bleak House',
  author: 'Charles Dickens',
  isbn: '978-0-14-143972-3',
  published_year: 1853,
  tags: ['classic', 'victorian'],
};

export const UPDATE_BOOK_EXAMPLE = { tags: ['classic', 'victorian', 'read'] };

export const TAG_COUNT_EXAMPLE = { name: 'classic', count: 42 };

export const TAG_LIST_EXAMPLE = { items: [TAG_COUNT_EXAMPLE, { name: 'victorian', count: 7 }] };

export const USER_EXAMPLE = {
  id: USER_ID,
  username: 'alice',
  role: 'user',
  email: 'alice@example.com',
  created_at: '2026-11-25T12:00:00.000Z',
};

export const MANAGED_USER_EXAMPLE = { ...USER_EXAMPLE, disabled: false };

export const MANAGED_USER_PAGE_EXAMPLE = {
  items: [MANAGED_USER_EXAMPLE],
  next_cursor: 'eyJ1IjoiYWxpY2UifQ',
};

export const CREATE_USER_EXAMPLE = {
  username: 'carol',
  password: 'correct horse battery',
  email: 'carol@example.com',
  role: 'user',
};

export const UPDATE_USER_EXAMPLE = { disabled: true };

export const CREDENTIALS_EXAMPLE = { username: 'alice', password: 'correct horse battery' };

const ACCESS_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIzZjZkOGUyMSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const REFRESH_TOKEN = 'q7Yv3kR9xWm2Lp8Tn4Zs6Bd1Hf5Jc0Ga9Ue3Oi7Ky2M';

export const TOKEN_REQUEST_EXAMPLE = { grant_type: 'password', ...CREDENTIALS_EXAMPLE };

export const TOKEN_RESPONSE_EXAMPLE = {
  access_token: ACCESS_TOKEN,
  token_type: 'Bearer',
  expires_in: 900,
  refresh_token: REFRESH_TOKEN,
  refresh_expires_in: 2_592_000,
};

export const REFRESH_GRANT_EXAMPLE = { grant_type: 'refresh_token', refresh_token: REFRESH_TOKEN };

export const REFRESH_BODY_EXAMPLE = { refresh_token: REFRESH_TOKEN };

export const CHANGE_PASSWORD_EXAMPLE = {
  current_password: 'correct horse battery',
  new_password: 'a new and longer secret',
};

export const DELETE_ACCOUNT_EXAMPLE = { password: 'correct horse battery' };

export const HEALTH_EXAMPLE = { status: 'ok' };

export const FIELD_ERROR_EXAMPLE = { path: 'body.title', message: 'Required' };

export const PROBLEM_EXAMPLE = {
  type: 'urn:shelf:problem:book-not-found',
  title: 'Not Found',
  status: 404,
  detail: `No book with id ${BOOK_ID}`,
  code: 'book-not-found',
};

export const VALIDATION_PROBLEM_EXAMPLE = {
  type: 'urn:shelf:problem:validation-failed',
  title: 'Bad Request',
  status: 400,
  detail: 'Invalid request: body.title Required',
  code: 'validation-failed',
  errors: [FIELD_ERROR_EXAMPLE],
};

export const OAUTH_ERROR_EXAMPLE = {
  error: 'invalid_grant',
  error_description: 'Invalid username or password',
};

/**
 * Examples of the parameters, by name. Swagger UI fills them in when "Try it out" is pressed, so only
 * parameters whose example is harmless there have one: a made-up cursor, ETag or Idempotency-Key
 * would turn the first try into a 400, a 412 or a replay.
 */
export const PARAMETER_EXAMPLES: Readonly<Record<string, unknown>> = {
  id: BOOK_ID,
  limit: 20,
  q: 'Dickens',
  sort: '-created_at',
};
