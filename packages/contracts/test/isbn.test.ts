import { describe, expect, it } from 'vitest';
import { IsbnSchema, isValidIsbn, normalizeIsbn } from '../src/index.js';

describe('ISBN check digits', () => {
  it.each(['9780261102217', '0261102214', '080442957X', '9780441478125'])('accepts %s', (isbn) => {
    expect(isValidIsbn(isbn)).toBe(true);
  });

  it.each([
    ['a wrong ISBN-13 check digit', '9780261102218'],
    ['a wrong ISBN-10 check digit', '0261102215'],
    ['X anywhere but last', '08044295X7'],
    ['twelve digits', '978026110221'],
    ['letters', 'ABCDEFGHIJ'],
  ])('rejects %s', (_case, isbn) => {
    expect(isValidIsbn(isbn)).toBe(false);
  });

  it('normalises hyphens, spaces and a lower-case x', () => {
    expect(normalizeIsbn('0-8044-2957-x')).toBe('080442957X');
    expect(IsbnSchema.parse('978 0 261 10221 7')).toBe('9780261102217');
  });
});
