import type { Clock } from '../clock.js';

/** A clock that runs with real time, plus however far a test has moved it forward. */
export interface TestClock extends Clock {
  /** Milliseconds since the epoch; a plain function, so `now: clock.now` hands it on unbound. */
  readonly now: () => number;
  /** Moves the clock `ms` milliseconds forward, as if that time had passed. */
  advance(ms: number): void;
}

/**
 * A clock for `startServer({ clock })` and the SDK's `now` option: a test moves it past an expiry
 * instead of sleeping until then.
 *
 * @example
 * const clock = createTestClock();
 * clock.advance(3_100); // every access token with a 3 s lifetime has now expired
 */
export const createTestClock = (): TestClock => {
  let offsetMs = 0;
  return {
    now: () => Date.now() + offsetMs,
    advance(ms) {
      if (ms < 0) throw new RangeError('a test clock only moves forward');
      offsetMs += ms;
    },
  };
};
