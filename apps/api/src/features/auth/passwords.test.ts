import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.js';

/** A thread's nice value (Linux: field 19 of /proc/self/task/N/stat). */
const niceOf = (thread: string): number => {
  const stat = readFileSync(`/proc/self/task/${thread}/stat`, 'utf8');
  // The command name, in parentheses, may hold spaces: count fields after its closing one.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
};

describe('passwords', () => {
  it('hashes to an argon2id PHC string that verifies only the same password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse batterY')).toBe(false);
  });

  it('answers false, never a throw, for a malformed hash', async () => {
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
    expect(await verifyPassword('', '')).toBe(false);
  });

  it('hashes in parallel calls without mixing their answers up', async () => {
    const passwords = Array.from({ length: 6 }, (_, n) => `password number ${n}`);
    const hashes = await Promise.all(passwords.map((password) => hashPassword(password)));
    const checks = await Promise.all(
      hashes.flatMap((hash, n) => [
        verifyPassword(hash, passwords[n] ?? ''),
        verifyPassword(hash, passwords[(n + 1) % passwords.length] ?? ''),
      ]),
    );
    expect(checks).toEqual(passwords.flatMap(() => [true, false]));
  });

  it.runIf(process.platform === 'linux')(
    'hashes on a thread of its own at nice 10, so logins yield the CPU to other requests',
    async () => {
      await hashPassword('the thread is running');
      const threads = readdirSync('/proc/self/task');
      expect(niceOf(String(process.pid))).toBe(0);
      expect(threads.map(niceOf)).toContain(10);
    },
  );
});
