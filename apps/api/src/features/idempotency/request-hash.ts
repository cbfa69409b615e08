import { createHash } from 'node:crypto';

/** The value with every object's keys sorted, so equal JSON serialises identically. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
};

/**
 * SHA-256 of a parsed JSON body, independent of key order and whitespace: two requests have "the
 * same body" for an Idempotency-Key when their parsed JSON is equal.
 *
 * @example
 * requestHash({ a: 1, b: 2 }) === requestHash({ b: 2, a: 1 }); // true
 */
export const requestHash = (body: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(canonical(body) ?? null))
    .digest('hex');
