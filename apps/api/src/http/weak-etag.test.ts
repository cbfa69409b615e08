import { describe, expect, it } from 'vitest';
import { weakETag } from './weak-etag.js';

describe('weakETag', () => {
  // Expected values are what Express's default (the `etag` package, weak) gives for the same bodies.
  it.each([
    ['an empty body', '', 'W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"'],
    ['ASCII', 'abc', 'W/"3-qZk+NkcGgWq6PiVxeFDCbJzQ2J0"'],
    ['multibyte text, counted in bytes', 'héllo', 'W/"6-NbXqRcXkH3i0apN8x01B3+qSCJA"'],
    ['a long body', 'x'.repeat(5000), 'W/"1388-wGih9U13lltCinlpElMTzimruTs"'],
  ])('matches Express for %s', (_name, body, expected) => {
    expect(weakETag(body)).toBe(expected);
    expect(weakETag(Buffer.from(body))).toBe(expected);
  });

  it('reads a string in the encoding Express passes', () => {
    expect(weakETag('héllo', 'latin1')).toBe(weakETag(Buffer.from('héllo', 'latin1')));
    expect(weakETag('héllo', 'latin1')).not.toBe(weakETag('héllo'));
  });
});
