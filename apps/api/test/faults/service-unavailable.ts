/** What a test learns from a 503 answer: the problem's code, and Retry-After. */
export interface ServiceUnavailable {
  code: string;
  retryAfter: string | null;
}

/**
 * Reads a fetch response that must be a 503 problem+json with Retry-After; throws, naming what it got
 * instead, otherwise.
 */
export const readServiceUnavailable = async (response: Response): Promise<ServiceUnavailable> => {
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  if (response.status !== 503 || !contentType.startsWith('application/problem+json')) {
    throw new Error(`expected a 503 problem+json, got ${response.status} ${contentType}: ${text}`);
  }
  const body = JSON.parse(text) as { code?: unknown; type?: unknown; status?: unknown };
  if (typeof body.code !== 'string' || body.type !== `urn:shelf:problem:${body.code}`) {
    throw new Error(`not a Shelf problem: ${text}`);
  }
  return { code: body.code, retryAfter: response.headers.get('retry-after') };
};
