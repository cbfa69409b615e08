/**
 * Where the API reads the time for what expires: access tokens, refresh tokens and their reuse grace
 * window, cached token versions. Production uses `systemClock`; tests pass one they can move forward
 * (`createTestClock` in `@shelf/api/testing`) instead of sleeping until a token expires.
 *
 * Not covered: the rate limits (rate-limiter-flexible keeps its windows in its own time) and the
 * timestamps rows are written with (`created_at`, `updated_at`).
 */
export interface Clock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
