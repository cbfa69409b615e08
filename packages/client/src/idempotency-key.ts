import type { ApiFetcherArgs } from '@ts-rest/core';
import { contract } from '@shelf/contracts';

/** A random UUID v4, also where `crypto.randomUUID` is missing (browser pages over plain http). */
export const newIdempotencyKey = (): string => {
  if (typeof globalThis.crypto.randomUUID === 'function') return globalThis.crypto.randomUUID();
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** The routes that take an `Idempotency-Key`: creates. */
const IDEMPOTENT_CREATES: ReadonlySet<unknown> = new Set([contract.books.create]);

/**
 * The call with an `Idempotency-Key` when its route takes one and the caller gave none. Chosen once
 * per call, so a replay after a 401 and every retry send the same key.
 */
export const withIdempotencyKey = (args: ApiFetcherArgs): ApiFetcherArgs => {
  if (!IDEMPOTENT_CREATES.has(args.route)) return args;
  const hasKey = Object.keys(args.headers).some((name) => name.toLowerCase() === 'idempotency-key');
  if (hasKey) return args;
  return { ...args, headers: { ...args.headers, 'idempotency-key': newIdempotencyKey() } };
};
