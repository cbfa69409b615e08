/** Strips spaces and hyphens and upper-cases a trailing x, the form ISBNs are stored in. */
export const normalizeIsbn = (raw: string): string => raw.replace(/[\s-]/g, '').toUpperCase();

const isValidIsbn10 = (isbn: string): boolean => {
  if (!/^\d{9}[\dX]$/.test(isbn)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const char = isbn.charAt(i);
    const value = char === 'X' ? 10 : Number(char);
    sum += value * (10 - i);
  }
  return sum % 11 === 0;
};

const isValidIsbn13 = (isbn: string): boolean => {
  if (!/^\d{13}$/.test(isbn)) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) {
    sum += Number(isbn.charAt(i)) * (i % 2 === 0 ? 1 : 3);
  }
  return sum % 10 === 0;
};

/**
 * True for a normalised ISBN-10 or ISBN-13 whose check digit is right.
 *
 * @example
 * isValidIsbn(normalizeIsbn('978-0-261-10221-7')); // true
 */
export const isValidIsbn = (isbn: string): boolean => isValidIsbn10(isbn) || isValidIsbn13(isbn);
