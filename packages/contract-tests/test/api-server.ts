import { startTestApi, type TestApi } from '@shelf/api/testing';

/**
 * The real Shelf API in this process, on an ephemeral port, with its own SQLite file: the API's own test
 * helper, so every suite starts it the same way. `api.clock.advance(ms)` expires tokens without a sleep.
 */
export const startApi = (env: Record<string, string> = {}): Promise<TestApi> =>
  startTestApi({ env });
