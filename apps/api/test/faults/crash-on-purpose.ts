/**
 * A process that fails the way a bug would, with the handlers main.ts installs: `rejection` leaves a
 * promise rejection unhandled, `exception` throws from a timer. Run by fatal-errors.test.ts.
 */
import { createLogger } from '../../src/logger.js';
import { exitOnFatalErrors } from '../../src/process/exit-on-fatal.js';

exitOnFatalErrors(createLogger('info'));
// Keeps the event loop alive, as a listening server does: only the handler can end the process.
setInterval(() => undefined, 1000);
process.stdout.write('{"msg":"armed"}\n');

if (process.argv[2] === 'rejection') {
  void Promise.reject(new Error('a promise nobody awaited failed'));
} else {
  setTimeout(() => {
    throw new Error('a timer callback threw');
  }, 10);
}
