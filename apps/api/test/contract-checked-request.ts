import supertest, { type Response, type Test } from 'supertest';
import { checkResponse } from '@shelf/contracts';

/** The HTTP methods the component suites use, each starting a supertest request. */
export interface ContractCheckedRequest {
  get(url: string): Test;
  head(url: string): Test;
  post(url: string): Test;
  put(url: string): Test;
  patch(url: string): Test;
  delete(url: string): Test;
  options(url: string): Test;
}

/** What supertest received as the body: parsed JSON, other text, or undefined when empty. */
const observedBody = (response: Response): unknown => {
  const text: unknown = response.text;
  if (typeof text !== 'string' || text === '') return undefined;
  return /[/+]json$/i.test(response.type) ? response.body : text;
};

/**
 * A supertest assertion that fails the test, naming each violation, when the response is not what
 * the contract declares for its operation and status (see checkResponse in @shelf/contracts).
 */
export const conformsToContract =
  (method: string, url: string) =>
  (response: Response): void => {
    const { operation, violations } = checkResponse({
      method,
      url,
      status: response.status,
      headers: response.headers,
      body: observedBody(response),
    });
    if (violations.length > 0) {
      throw new Error(
        `${method} ${url} → ${response.status} does not conform to the contract` +
          `${operation === undefined ? '' : ` (${operation})`}:\n  - ${violations.join('\n  - ')}`,
      );
    }
  };

/**
 * supertest bound to `baseUrl`, where every response is also checked against the contract, so the
 * implementation and the contract cannot drift apart without a component test failing.
 */
export const contractCheckedRequest = (baseUrl: string): ContractCheckedRequest => {
  const agent = supertest(baseUrl);
  const checked =
    (method: string, start: (url: string) => Test) =>
    (url: string): Test =>
      start(url).expect(conformsToContract(method, url));
  return {
    get: checked('GET', (url) => agent.get(url)),
    head: checked('HEAD', (url) => agent.head(url)),
    post: checked('POST', (url) => agent.post(url)),
    put: checked('PUT', (url) => agent.put(url)),
    patch: checked('PATCH', (url) => agent.patch(url)),
    delete: checked('DELETE', (url) => agent.delete(url)),
    options: checked('OPTIONS', (url) => agent.options(url)),
  };
};
