import { describe, expect, it } from 'vitest';
import { createRestartBackoff } from './restart-backoff.js';

describe('restart backoff', () => {
  it('doubles the delay after each quick crash, up to the maximum', () => {
    const backoff = createRestartBackoff({ initialMs: 100, maxMs: 1000, resetAfterMs: 30_000 });
    const delays = [0, 1, 2, 3, 4, 5].map(() => backoff.delayAfterCrash(50));
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('starts over once a crashed worker had stayed up long enough', () => {
    const backoff = createRestartBackoff({ initialMs: 100, maxMs: 10_000, resetAfterMs: 30_000 });
    backoff.delayAfterCrash(10);
    backoff.delayAfterCrash(10);
    expect(backoff.delayAfterCrash(29_999)).toBe(400);
    expect(backoff.delayAfterCrash(30_000)).toBe(100);
    expect(backoff.delayAfterCrash(10)).toBe(200);
  });
});
