import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';

/**
 * OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane (argon2id is the library's default
 * algorithm). Hashing runs on libuv's pool, off the event loop.
 */
const ARGON2_OPTIONS = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Hashes at once, at most: one core stays free for everything else, so a storm of logins slows
 * logins (they queue here) rather than every other request. Each hash takes ~20 ms of one core.
 */
const hashing = pLimit(Math.max(1, availableParallelism() - 1));

/** Hashes a password into a self-describing PHC string. */
export const hashPassword = (password: string): Promise<string> =>
  hashing(() => hash(password, ARGON2_OPTIONS));

/** Checks a password against a PHC string; false (never a throw) for a malformed hash. */
export const verifyPassword = async (passwordHash: string, password: string): Promise<boolean> => {
  try {
    return await hashing(() => verify(passwordHash, password));
  } catch {
    return false;
  }
};

let dummyHash: Promise<string> | undefined;

/**
 * A hash to verify against when the username is unknown, so a failed login takes as long whether
 * the user exists or not and response times do not reveal usernames.
 */
export const getDummyPasswordHash = (): Promise<string> => {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  return dummyHash;
};
