import type { Http, TourRequest, TourResponse } from './http.js';
import type { Report } from './report.js';

/** What a step expects besides conformance to the contract. */
export interface Expectation {
  /** The status, or the statuses any of which is right (the server's configuration decides). */
  status: number | readonly number[];
  /** The problem (or OAuth2 `error`) code the body must carry. */
  code?: string;
  /** Further checks on the response; each string returned is a failure. */
  also?: (response: TourResponse) => string[];
}

/** The problem `code` (or OAuth2 `error`) of an error body. */
export const codeOf = (body: unknown): unknown => {
  if (typeof body !== 'object' || body === null) return undefined;
  return 'code' in body ? body.code : 'error' in body ? body.error : undefined;
};

/**
 * Runs one check: sends the request, then passes only when the status is the expected one, the
 * response conforms to the contract and every further expectation holds. Returns the response (also
 * on failure, so the tour can go on), or undefined when the server could not be reached.
 */
export const createStep =
  (http: Http, report: Report) =>
  async (
    description: string,
    request: TourRequest,
    expected: Expectation,
  ): Promise<TourResponse | undefined> => {
    const statuses: readonly number[] =
      typeof expected.status === 'number' ? [expected.status] : expected.status;
    const name = `${request.method} ${request.path.split('?')[0] ?? ''} → ${statuses.join('|')} ${description}`;
    let response: TourResponse;
    try {
      response = await http(request);
    } catch (error) {
      report.fail(name, [`request failed: ${String(error)}`]);
      return undefined;
    }
    const problems = [...response.violations];
    if (!statuses.includes(response.status)) {
      problems.unshift(
        `got ${response.status}: ${response.body === undefined ? '(no body)' : JSON.stringify(response.body).slice(0, 300)}`,
      );
    } else {
      if (expected.code !== undefined && codeOf(response.body) !== expected.code)
        problems.push(
          `expected code ${expected.code}, got ${JSON.stringify(codeOf(response.body))}`,
        );
      problems.push(...(expected.also?.(response) ?? []));
    }
    if (problems.length === 0) report.pass(name);
    else report.fail(name, problems);
    return response;
  };

export type Step = ReturnType<typeof createStep>;
