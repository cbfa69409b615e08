import type { FieldError, Problem } from '@shelf/contracts';

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

  /** The machine-readable problem code, e.g. `book-not-found`. */
  get code(): string {
    return this.problem.code;
  }
}

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' &&
  body !== null &&
  'status' in body &&
  'detail' in body &&
  typeof body.detail === 'string';

/** Builds a ShelfApiError from any response, inventing a problem body if the server sent none. */
export const toShelfApiError = (status: number, body: unknown): ShelfApiError =>
  new ShelfApiError(
    status,
    isProblem(body)
      ? body
      : {
          type: 'about:blank',
          title: 'Unexpected response',
          status,
          detail: `The server answered ${status} without a problem body`,
          code: 'unexpected-response',
        },
  );

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
