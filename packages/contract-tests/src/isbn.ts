import { randomInt } from 'node:crypto';

/**
 * A random ISBN-13 with a valid check digit: the catalogue refuses a second book with an ISBN, so the
 * tour must not collide with what a deployment already holds.
 */
export const randomIsbn13 = (): string => {
  const digits = [9, 7, 8, ...Array.from({ length: 9 }, () => randomInt(10))];
  const sum = digits.reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 1 : 3), 0);
  return [...digits, (10 - (sum % 10)) % 10].join('');
};
