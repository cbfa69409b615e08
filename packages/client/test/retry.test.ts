import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY } from '../src/retry.js';

describe('backoffDelay', () => {
  it('doubles the ceiling per attempt and never exceeds maxDelayMs', () => {
    const always = (value: number) => () => value;
    expect(backoffDelay(0, DEFAULT_RETRY, always(0.999))).toBe(199);
    expect(backoffDelay(1, DEFAULT_RETRY, always(0.999))).toBe(399);
    expect(backoffDelay(10, DEFAULT_RETRY, always(0.999))).toBe(1998);
    expect(backoffDelay(3, DEFAULT_RETRY, always(0))).toBe(0);
  });
});
