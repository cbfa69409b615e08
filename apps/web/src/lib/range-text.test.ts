import { describe, expect, it } from 'vitest';
import { rangeText } from './range-text.js';

describe('range text', () => {
  it('names the first and last item shown', () => {
    expect(rangeText(1, 20)).toBe('Showing 1–20');
    expect(rangeText(21, 20)).toBe('Showing 21–40');
    expect(rangeText(41, 3)).toBe('Showing 41–43');
  });

  it('names a single item once, and nothing for an empty page', () => {
    expect(rangeText(41, 1)).toBe('Showing 41');
    expect(rangeText(7, 1)).toBe('Showing 7');
    expect(rangeText(1, 0)).toBe('');
  });
});
