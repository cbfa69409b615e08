import { describe, expect, it } from 'vitest';
import { createVerifiedCredentialsCache } from './verified-credentials.js';

const verifiedAs = (id: string) => ({
  user: { id, username: `name-${id}`, role: 'user' as const },
  tokenVersion: 0,
});

const clock = () => {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('createVerifiedCredentialsCache', () => {
  it('keys entries by a keyed hash that never contains the password, and differs per process', () => {
    const cache = createVerifiedCredentialsCache({ ttlMs: 60_000, maxEntries: 10 });
    const other = createVerifiedCredentialsCache({ ttlMs: 60_000, maxEntries: 10 });
    const key = cache.keyOf('alice', 'correct horse battery');
    expect(key).toMatch(/^[\w-]{43}$/);
    expect(key).not.toContain('correct');
    expect(cache.keyOf('alice', 'correct horse battery')).toBe(key);
    expect(other.keyOf('alice', 'correct horse battery')).not.toBe(key);
    expect(cache.keyOf('alice:x', 'y')).not.toBe(cache.keyOf('alice', 'x:y'));
  });

  it('forgets an entry once its TTL has passed', () => {
    const time = clock();
    const cache = createVerifiedCredentialsCache({ ttlMs: 60_000, maxEntries: 10, now: time.now });
    cache.remember('k', verifiedAs('u1'));
    time.advance(59_999);
    expect(cache.get('k')).toEqual(verifiedAs('u1'));
    time.advance(1);
    expect(cache.get('k')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the one remembered longest ago', () => {
    const cache = createVerifiedCredentialsCache({ ttlMs: 60_000, maxEntries: 2 });
    cache.remember('a', verifiedAs('u1'));
    cache.remember('b', verifiedAs('u2'));
    cache.remember('a', verifiedAs('u1'));
    cache.remember('c', verifiedAs('u3'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('forgets every entry of a user whose password changed, and only theirs', () => {
    const cache = createVerifiedCredentialsCache({ ttlMs: 60_000, maxEntries: 10 });
    cache.remember('old password', verifiedAs('u1'));
    cache.remember('another old password', verifiedAs('u1'));
    cache.remember('someone else', verifiedAs('u2'));
    cache.forgetUser('u1');
    expect(cache.get('old password')).toBeUndefined();
    expect(cache.get('another old password')).toBeUndefined();
    expect(cache.get('someone else')).toBeDefined();
  });
});
