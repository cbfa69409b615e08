import { startTestApi, type TestApi } from '@shelf/api/testing';

/**
 * The real Shelf API in this process, on an ephemeral port, with its own SQLite file and demo data: the API's own test
 * helper, so every suite starts it the same way. `api.clock.advance(ms)` expires tokens without a sleep.
 */
export const startApi = (env: Record<string, string> = {}): Promise<TestApi> =>
  startTestApi({ env });

/** A fetch that records every call (method and path) before making it for real. */
export const recordingFetch = () => {
  const calls: string[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    calls.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    return fetch(input, init);
  };
  return {
    calls,
    fetch: fetchImpl,
    count: (call: string) => calls.filter((made) => made === call).length,
  };
};
