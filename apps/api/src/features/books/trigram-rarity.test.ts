import { describe, expect, it } from 'vitest';
import { rarestTrigrams, trigramsOf } from './trigram-rarity.js';

describe('trigramsOf', () => {
  it('splits by code point, without repeats', () => {
    expect(trigramsOf('abcab')).toEqual(['abc', 'bca', 'cab']);
    expect(trigramsOf('aaaa')).toEqual(['aaa']);
    expect(trigramsOf('ab')).toEqual([]);
    expect(trigramsOf('é𝄞ßx')).toEqual(['é𝄞ß', '𝄞ßx']);
  });
});

describe('rarestTrigrams', () => {
  it('prefers rare letters, avoids spaces, and spreads over the term', () => {
    expect(rarestTrigrams('the rivers', 2)).toEqual(['riv', 'ers']);
    expect(rarestTrigrams('lovelace the', 3)).toEqual(['lov', 'lac', ' th']);
    expect(rarestTrigrams('jazz', 1)).toEqual(['azz']);
  });

  it('returns every trigram when asked for more than there are', () => {
    expect(rarestTrigrams('tolkien', 10).sort()).toEqual(trigramsOf('tolkien').sort());
  });
});
