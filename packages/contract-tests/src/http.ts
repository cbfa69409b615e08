import { checkResponse } from '@shelf/contracts';

/** A request of the tour. `json` and `form` set the body and its Content-Type; `text` sends text/plain. */
export interface TourRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  text?: string;
}

/** A response as the tour saw it, with what the contract found wrong in it. */
export interface TourResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON, other text, or undefined when there was no body. */
  body: unknown;
  /** The contract operation it answered (`books.get`), when it was one. */
  operation: string | undefined;
  violations: string[];
}

/** Waits no longer than this for a Retry-After before giving up on a rate-limited request. */
const MAX_RETRY_AFTER_SECONDS = 60;
const RETRIES_ON_429 = 2;

const bodyOf = (request: TourRequest): { body?: string; contentType?: string } => {
  if (request.json !== undefined)
    return { body: JSON.stringify(request.json), contentType: 'application/json' };
  if (request.form !== undefined)
    return {
      body: new URLSearchParams(request.form).toString(),
      contentType: 'application/x-www-form-urlencoded',
    };
  if (request.text !== undefined) return { body: request.text, contentType: 'text/plain' };
  return {};
};

const readBody = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  if (text === '') return undefined;
  const mediaType = response.headers.get('content-type') ?? '';
  return /[/+]json\b/i.test(mediaType) ? (JSON.parse(text) as unknown) : text;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends tour requests to one Shelf and checks every response against the contract. A 429 with a
 * short Retry-After (a deployment's credential or API rate limit) is waited out and retried.
 */
export const createHttp = (baseUrl: string, onWait: (line: string) => void) => {
  const origin = baseUrl.replace(/\/+$/, '');
  const sendOnce = async (request: TourRequest): Promise<TourResponse> => {
    const { body, contentType } = bodyOf(request);
    const response = await fetch(`${origin}${request.path}`, {
      method: request.method,
      headers: {
        Accept: 'application/json, application/problem+json',
        ...(contentType === undefined ? {} : { 'Content-Type': contentType }),
        ...request.headers,
      },
      ...(body === undefined ? {} : { body }),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const parsed = await readBody(response);
    const { operation, violations } = checkResponse({
      method: request.method,
      url: request.path,
      status: response.status,
      headers,
      body: parsed,
    });
    return { status: response.status, headers, body: parsed, operation, violations };
  };
  return async (request: TourRequest): Promise<TourResponse> => {
    for (let attempt = 0; ; attempt++) {
      const response = await sendOnce(request);
      const retryAfter = Number(response.headers['retry-after']);
      const isWorthWaiting =
        response.status === 429 &&
        attempt < RETRIES_ON_429 &&
        Number.isFinite(retryAfter) &&
        retryAfter <= MAX_RETRY_AFTER_SECONDS;
      if (!isWorthWaiting) return response;
      onWait(`    (rate limited: waiting ${retryAfter}s as Retry-After asks, then retrying)`);
      await sleep(retryAfter * 1000);
    }
  };
};

export type Http = ReturnType<typeof createHttp>;
