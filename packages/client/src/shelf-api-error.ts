import type { FieldError, Problem, ProblemCode } from '@shelf/contracts';

/**
 * A non-2xx answer from Shelf, carrying its problem+json body.
 *
 * @example
 * try {
 *   const book = await unwrap(client.books.get({ params: { id } }));
 * } catch (error) {
 *   if (error instanceof ShelfApiError && error.status === 404) showNotFound();
 * }
 */
export class ShelfApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail);
    this.name = 'ShelfApiError';
    this.status = status;
    this.problem = problem;
  }

  /** The human-readable explanation. */
  get detail(): string {
    return this.problem.detail;
  }

  /** Field errors of a validation problem (empty otherwise). */
  get errors(): FieldError[] {
    return this.problem.errors ?? [];
  }

  /**
   * The machine-readable problem code, e.g. `book-not-found`: one of KNOWN_PROBLEM_CODES, or a code
   * a newer server added, so a `switch` needs a `default`.
   */
  get code(): ProblemCode {
    return this.problem.code;
  }
}

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' &&
  body !== null &&
  'status' in body &&
  'detail' in body &&
  typeof body.detail === 'string';

/** An RFC 6749 §5.2 error body, as `/auth/token` answers. */
const isOAuthError = (body: unknown): body is { error: string; error_description?: string } =>
  typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string';

/** The problem a non-problem body stands for: an OAuth2 error's code and description, or nothing known. */
const problemOf = (status: number, body: unknown): Problem => {
  if (isProblem(body)) return body;
  if (isOAuthError(body)) {
    return {
      type: `urn:ietf:rfc:6749#${body.error}`,
      title: body.error,
      status,
      detail: body.error_description ?? body.error,
      code: body.error,
    };
  }
  return {
    type: 'about:blank',
    title: 'Unexpected response',
    status,
    detail: `The server answered ${status} without a problem body`,
    code: 'unexpected-response',
  };
};

/**
 * Builds a ShelfApiError from any response: a problem+json body as is, an OAuth2 error body
 * (`/auth/token`) as a problem with its `error` as the code, anything else as `unexpected-response`.
 */
export const toShelfApiError = (status: number, body: unknown): ShelfApiError =>
  new ShelfApiError(status, problemOf(status, body));

type Success<T> = T extends { status: 200 | 201 | 204 } ? T : never;

/**
 * Awaits a client call and returns its body if the status is 2xx; throws a ShelfApiError otherwise.
 *
 * @example
 * const page = await unwrap(client.books.list({ query: { q: 'tolkien' } }));
 */
export const unwrap = async <T extends { status: number; body: unknown }>(
  call: Promise<T> | T,
): Promise<Success<T>['body']> => {
  const result = await call;
  if (result.status >= 200 && result.status < 300) return result.body;
  throw toShelfApiError(result.status, result.body);
};
