import { describe, expect, it } from 'vitest';
import { credentialLimitsFor, retryAfterMs, type AttemptCounts } from './credential-limits.js';

const limits = credentialLimitsFor(5);
const counts = (points: { ip?: number; pair?: number; username?: number }): AttemptCounts => ({
  ip: { points: points.ip ?? 1, msBeforeNext: 10_000 },
  usernameAndIp: { points: points.pair ?? 1, msBeforeNext: 20_000 },
  username: { points: points.username ?? 1, msBeforeNext: 30_000 },
});

describe('credentialLimitsFor', () => {
  it('derives every limit from LOGIN_RATE_LIMIT', () => {
    expect(limits).toEqual({
      perUsernameAndIp: 5,
      perIp: 25,
      usernameBrake: 50,
      registrationsPerIp: 5,
    });
  });
});

describe('retryAfterMs', () => {
  it('admits attempts up to each limit, counting this one', () => {
    expect(retryAfterMs(limits, counts({ ip: 25, pair: 5, username: 50 }))).toBeUndefined();
  });

  it('refuses the attempt past the (username, IP) limit until that window ends', () => {
    expect(retryAfterMs(limits, counts({ pair: 6 }))).toBe(20_000);
  });

  it('refuses the attempt past the IP limit until that window ends', () => {
    expect(retryAfterMs(limits, counts({ ip: 26 }))).toBe(10_000);
  });

  it('waits for the last window when several limits refuse', () => {
    expect(retryAfterMs(limits, counts({ ip: 26, pair: 6 }))).toBe(20_000);
  });

  it('never lets the username brake refuse a client whose pair is clean', () => {
    expect(retryAfterMs(limits, counts({ username: 1000, pair: 1 }))).toBeUndefined();
  });

  it('refuses a client that already tried the username once the brake is on', () => {
    expect(retryAfterMs(limits, counts({ username: 51, pair: 2 }))).toBe(20_000);
    expect(retryAfterMs(limits, counts({ username: 50, pair: 2 }))).toBeUndefined();
  });
});
