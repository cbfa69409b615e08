import { createRequire } from 'node:module';
import { workerCalls } from '../../process/worker-calls.js';
import { MAX_WAITING_PASSWORD_CHECKS, passwordChecksBusy } from './password-checks-busy.js';

/**
 * OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane (argon2id is the library's default
 * algorithm).
 */
const ARGON2_OPTIONS = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * The hashing thread's nice value (0 is normal, 19 the lowest priority). On a busy machine it gets
 * roughly a tenth of a core's time against a thread at normal priority, so a storm of logins slows
 * logins (they queue for the thread) rather than every other request; on an idle one it runs at
 * full speed. Linux gives each thread its own nice value; elsewhere the call may fail, and hashing
 * runs at normal priority.
 */
const HASHING_NICE = 10;

/**
 * Runs in the thread: one hash at a time, synchronously. One thread per process, so hashing uses at
 * most one core of each; `API_WORKERS` gives each worker process its own.
 */
const WORKER_SOURCE = `
try { require('node:os').setPriority(workerData.nice); } catch {}
const argon2 = require(workerData.argon2);
const verify = (hash, password) => {
  try {
    return argon2.verifySync(hash, password);
  } catch {
    return false; // a malformed hash matches no password
  }
};
answerEach((request) =>
  request.kind === 'hash'
    ? argon2.hashSync(request.password, workerData.options)
    : verify(request.hash, request.password),
);
`;

type HashingRequest =
  { kind: 'hash'; password: string } | { kind: 'verify'; hash: string; password: string };

const hashing = workerCalls<HashingRequest, string | boolean>({
  source: WORKER_SOURCE,
  workerData: {
    argon2: createRequire(import.meta.url).resolve('@node-rs/argon2'),
    nice: HASHING_NICE,
    options: ARGON2_OPTIONS,
  },
  // The calls the thread has not answered include the one it is hashing.
  maxQueued: MAX_WAITING_PASSWORD_CHECKS + 1,
  queueFull: passwordChecksBusy,
});

/**
 * Hashes a password into a self-describing PHC string. Throws a 503 AppError (password-checks-busy)
 * when MAX_WAITING_PASSWORD_CHECKS hashes are already waiting for the thread.
 */
export const hashPassword = async (password: string): Promise<string> =>
  String(await hashing.call({ kind: 'hash', password }));

/**
 * Checks a password against a PHC string; false for a malformed hash. Throws only when hashing
 * itself failed (the thread stopped) or its queue is full (a 503 AppError, password-checks-busy):
 * a server fault, never counted as a wrong password.
 */
export const verifyPassword = async (passwordHash: string, password: string): Promise<boolean> =>
  (await hashing.call({ kind: 'verify', hash: passwordHash, password })) === true;

let dummyHash: Promise<string> | undefined;

/**
 * A hash to verify against when the username is unknown, so a failed login takes as long whether
 * the user exists or not and response times do not reveal usernames.
 */
export const getDummyPasswordHash = (): Promise<string> => {
  if (dummyHash === undefined) {
    const made = hashPassword(`dummy-${Math.random()}`);
    dummyHash = made;
    // A failure is not remembered: the next unknown username tries again.
    made.catch(() => {
      if (dummyHash === made) dummyHash = undefined;
    });
  }
  return dummyHash;
};
