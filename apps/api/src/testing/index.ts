/**
 * Helpers for suites that run the real API in-process: the API's own, the SDK's and the contract
 * tours. Not for production code.
 *
 * @example
 * import { startTestApi } from '@shelf/api/testing';
 * const api = await startTestApi({ env: { SEED_DEMO_DATA: 'false' } });
 * await fetch(`${api.url}/health`);
 * await api.stop();
 */
export {
  createTestDatabase,
  startTestApi,
  TEST_DATABASE_KIND,
  TEST_JWT_SECRET,
  type TestApi,
  type TestApiOptions,
} from './start-test-api.js';
export { createRecordingMailer, type RecordingMailer } from './recording-mailer.js';
export { createTestClock, type TestClock } from './test-clock.js';
export type { OutgoingMail } from '../mail/mailer.js';
