import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOAuthError } from './expect-oauth-error.js';
import { freshIp, json, sendFrom, type RawReply, type RawRequest } from './send-from.js';
import {
  basicAuth,
  expectProblem,
  startTestServer,
  TEST_DATABASE_KIND,
  uniqueUsername,
  type TestServer,
} from './test-server.js';

/** LOGIN_RATE_LIMIT here: 5 failures per (username, IP), 25 per IP, the username brake past 50. */
const LIMIT = 5;
const PASSWORD = 'correct horse battery';

type Reply = RawReply;

/** One request on a new connection from the address `from`. */
const send = (server: TestServer, from: string, request: RawRequest): Promise<Reply> =>
  sendFrom(server.baseUrl, from, request);

/** The three ways to present a password, and what each answers to a wrong one. */
const endpoints = [
  {
    name: 'POST /auth/login',
    wrong: { status: 401, code: 'invalid-credentials' },
    attempt: (server: TestServer, from: string, username: string, password: string) =>
      send(server, from, { method: 'POST', path: '/auth/login', ...json({ username, password }) }),
  },
  {
    name: 'POST /auth/token',
    // RFC 6749 §5.2 errors, not problems: a wrong password is invalid_grant, a refusal invalid_request.
    wrong: { status: 400, code: 'invalid-grant', oauthError: 'invalid_grant' },
    attempt: (server: TestServer, from: string, username: string, password: string) =>
      send(server, from, {
        method: 'POST',
        path: '/auth/token',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', username, password }).toString(),
      }),
  },
  {
    name: 'HTTP Basic',
    wrong: { status: 401, code: 'invalid-credentials' },
    attempt: (server: TestServer, from: string, username: string, password: string) =>
      send(server, from, {
        method: 'GET',
        path: '/api/me',
        headers: basicAuth({ username, password }),
      }),
  },
] as const;

type Endpoint = (typeof endpoints)[number];
const [login, token, basic] = endpoints;

/** A new account, registered from an address of its own and never logged in (nothing cached). */
const register = async (server: TestServer, password = PASSWORD) => {
  const username = uniqueUsername('limits');
  const reply = await send(server, freshIp(), {
    method: 'POST',
    path: '/auth/register',
    ...json({ username, password }),
  });
  expect(reply.status).toBe(201);
  return { id: (reply.body as { id: string }).id, username };
};

/** The item at `index`, which the test knows is there. */
const at = <T>(items: readonly T[], index: number): T => {
  const item = items[index];
  if (item === undefined) throw new Error(`nothing at ${index} of ${items.length}`);
  return item;
};

const expectTooManyAttempts = (reply: Reply) => {
  expectProblem(reply, 429, 'too-many-attempts');
  const retryAfter = Number(reply.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
};

const expectWrong = (endpoint: Endpoint, reply: Reply) => {
  if ('oauthError' in endpoint.wrong) {
    expectOAuthError(reply, endpoint.wrong.status, endpoint.wrong.oauthError);
  } else {
    expectProblem(reply, endpoint.wrong.status, endpoint.wrong.code);
  }
};

/** A 429 as the endpoint answers it: a problem, or an OAuth2 invalid_request at the token endpoint. */
const expectRefused = (endpoint: Endpoint, reply: Reply) => {
  if (!('oauthError' in endpoint.wrong)) {
    expectTooManyAttempts(reply);
    return;
  }
  expectOAuthError(reply, 429, 'invalid_request');
  const retryAfter = Number(reply.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
};

const expectAccepted = (endpoint: Endpoint, reply: Reply, username: string) => {
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  if (endpoint === basic) expect(reply.body).toMatchObject({ username });
  else expect(reply.body).toMatchObject({ token_type: 'Bearer' });
};

/** `count` wrong guesses, one after another. */
const guessWrong = async (
  server: TestServer,
  endpoint: Endpoint,
  from: string,
  username: string,
  count: number,
) => {
  const replies: Reply[] = [];
  for (let guess = 0; guess < count; guess++) {
    replies.push(await endpoint.attempt(server, from, username, `wrong guess ${guess}`));
  }
  return replies;
};

let server: TestServer;

beforeAll(async () => {
  // Every cached success re-reads the token version, so a change elsewhere shows at once.
  server = await startTestServer({ LOGIN_RATE_LIMIT: String(LIMIT), TOKEN_VERSION_CACHE_MS: '0' });
});
afterAll(async () => {
  await server.close();
});

describe(`credential limits on ${TEST_DATABASE_KIND}`, () => {
  describe.each(endpoints)('$name', (endpoint) => {
    it('evaluates at most the limit of a concurrent burst of guesses, and refuses the right password sent last', async () => {
      const { username } = await register(server);
      const attacker = freshIp();
      // All sent at once, the right password last: counting only failures, or counting after the
      // hash, would let the right one through while the wrong ones are still being hashed.
      const guesses = [...Array.from({ length: 30 }, (_, n) => `parallel guess ${n}`), PASSWORD];
      const burst = await Promise.all(
        guesses.map((password) => endpoint.attempt(server, attacker, username, password)),
      );
      const evaluated = burst.filter((reply) => reply.status === endpoint.wrong.status);
      const refused = burst.filter((reply) => reply.status === 429);
      expect(evaluated).toHaveLength(LIMIT);
      expect(refused).toHaveLength(guesses.length - LIMIT);
      evaluated.forEach((reply) => expectWrong(endpoint, reply));
      refused.forEach((reply) => expectRefused(endpoint, reply));
      expectRefused(endpoint, at(burst, guesses.length - 1));

      expectRefused(endpoint, await endpoint.attempt(server, attacker, username, PASSWORD));
    });

    it('never lets failures from another IP stop the right password from a client that has not failed', async () => {
      const { username } = await register(server);
      const attacker = freshIp();
      const failures = await guessWrong(server, endpoint, attacker, username, LIMIT);
      failures.forEach((reply) => expectWrong(endpoint, reply));
      expectRefused(endpoint, await endpoint.attempt(server, attacker, username, 'one more'));

      const victim = freshIp();
      expectAccepted(
        endpoint,
        await endpoint.attempt(server, victim, username, PASSWORD),
        username,
      );
    });

    it('never counts successes: more than the limit in a row, and a parallel burst, all succeed', async () => {
      const { username } = await register(server);
      const client = freshIp();
      const parallel = await Promise.all(
        Array.from({ length: 20 }, () => endpoint.attempt(server, client, username, PASSWORD)),
      );
      parallel.forEach((reply) => expectAccepted(endpoint, reply, username));
      for (let attempt = 0; attempt < LIMIT + 3; attempt++) {
        expectAccepted(
          endpoint,
          await endpoint.attempt(server, client, username, PASSWORD),
          username,
        );
      }
      const failures = await guessWrong(server, endpoint, client, username, LIMIT);
      failures.forEach((reply) => expectWrong(endpoint, reply));
    });

    it('resets the failures of the (username, IP) pair on a success, checked or remembered', async () => {
      const { username } = await register(server);
      const client = freshIp();
      for (let round = 0; round < 2; round++) {
        const failures = await guessWrong(server, endpoint, client, username, LIMIT - 1);
        failures.forEach((reply) => expectWrong(endpoint, reply));
        expectAccepted(
          endpoint,
          await endpoint.attempt(server, client, username, PASSWORD),
          username,
        );
      }
      const afterReset = await guessWrong(server, endpoint, client, username, LIMIT + 1);
      afterReset.slice(0, LIMIT).forEach((reply) => expectWrong(endpoint, reply));
      expectRefused(endpoint, at(afterReset, LIMIT));
    });
  });

  it('counts login, token and Basic failures together, for that IP only', async () => {
    const { username } = await register(server);
    const attacker = freshIp();
    const failures: Endpoint[] = [login, login, token, token, basic];
    expect(failures).toHaveLength(LIMIT);
    for (const [n, endpoint] of failures.entries()) {
      expectWrong(endpoint, await endpoint.attempt(server, attacker, username, `wrong guess ${n}`));
    }

    const victim = freshIp();
    for (const endpoint of endpoints) {
      expectRefused(endpoint, await endpoint.attempt(server, attacker, username, PASSWORD));
      expectAccepted(
        endpoint,
        await endpoint.attempt(server, victim, username, PASSWORD),
        username,
      );
    }
  });

  it('limits the failures of one IP across usernames, and a success takes its attempt back', async () => {
    const users = [await register(server), await register(server), await register(server)];
    const client = freshIp();
    const perIp = LIMIT * 5;
    const spread = await Promise.all(
      Array.from({ length: perIp - 1 }, (_, n) =>
        login.attempt(server, client, `nobody_${n}_${uniqueUsername()}`, 'wrong guess'),
      ),
    );
    spread.forEach((reply) => expectWrong(login, reply));

    // Each success is a first check (nothing cached), counted as the IP's last allowed attempt.
    for (const user of users) {
      expectAccepted(
        login,
        await login.attempt(server, client, user.username, PASSWORD),
        user.username,
      );
    }
    expectWrong(login, await login.attempt(server, client, 'nobody_last', 'wrong guess'));
    expectTooManyAttempts(await login.attempt(server, client, at(users, 0).username, PASSWORD));
  });

  it('ignores X-Forwarded-For without TRUST_PROXY, so rotating it gets no more guesses', async () => {
    const { username } = await register(server);
    const client = freshIp();
    const statuses: number[] = [];
    for (let guess = 0; guess <= LIMIT; guess++) {
      const reply = await send(server, client, {
        method: 'POST',
        path: '/auth/login',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `203.0.113.${guess}` },
        body: JSON.stringify({ username, password: `guess ${guess}` }),
      });
      statuses.push(reply.status);
    }
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(401), 429]);
  });

  it('counts registrations per IP and never takes them back', async () => {
    const client = freshIp();
    for (let n = 0; n < LIMIT; n++) {
      const reply = await send(server, client, {
        method: 'POST',
        path: '/auth/register',
        ...json({ username: uniqueUsername('reg'), password: PASSWORD }),
      });
      expect(reply.status).toBe(201);
    }
    const refused = await send(server, client, {
      method: 'POST',
      path: '/auth/register',
      ...json({ username: uniqueUsername('reg'), password: PASSWORD }),
    });
    expectTooManyAttempts(refused);
    const elsewhere = await send(server, freshIp(), {
      method: 'POST',
      path: '/auth/register',
      ...json({ username: uniqueUsername('reg'), password: PASSWORD }),
    });
    expect(elsewhere.status).toBe(201);
  });
});

describe(`the per-username brake on ${TEST_DATABASE_KIND}`, () => {
  const BRAKE_LIMIT = 2;
  let braked: TestServer;

  beforeAll(async () => {
    braked = await startTestServer({ LOGIN_RATE_LIMIT: String(BRAKE_LIMIT) });
  });
  afterAll(async () => {
    await braked.close();
  });

  it('past 10x the limit on one username, slows IPs that failed on it and spares clients that did not', async () => {
    const { username } = await register(braked);
    const typo = freshIp();
    expectWrong(login, await login.attempt(braked, typo, username, 'typo'));

    // Ten IPs, each within its own limit, bring the username to its brake: 20 attempts with the typo.
    const attackers = Array.from({ length: 10 }, freshIp);
    const attack = await Promise.all(
      attackers.map((from, n) =>
        guessWrong(braked, login, from, username, n === 0 ? 1 : BRAKE_LIMIT),
      ),
    );
    const attempts = attack.flat();
    expect(attempts).toHaveLength(19);
    attempts.forEach((reply) => expectWrong(login, reply));

    // A new attacker IP gets one guess, not BRAKE_LIMIT; the typo's client waits, right or not.
    const newcomer = freshIp();
    expectWrong(login, await login.attempt(braked, newcomer, username, 'first guess'));
    expectTooManyAttempts(await login.attempt(braked, newcomer, username, 'second guess'));
    expectTooManyAttempts(await basic.attempt(braked, typo, username, PASSWORD));
    for (const endpoint of endpoints) {
      expectAccepted(
        endpoint,
        await endpoint.attempt(braked, freshIp(), username, PASSWORD),
        username,
      );
    }
  });

  it('is not engaged by one IP sending refused attempts, which cost no hash', async () => {
    const { username } = await register(braked);
    const attacker = freshIp();
    // BRAKE_LIMIT failures, then 30 refused attempts: far past the brake's 20 if refusals counted.
    const replies = await guessWrong(braked, login, attacker, username, BRAKE_LIMIT + 30);
    replies.slice(0, BRAKE_LIMIT).forEach((reply) => expectWrong(login, reply));
    replies.slice(BRAKE_LIMIT).forEach(expectTooManyAttempts);

    // The owner mistypes once, then gets in: their own pair has one failure, and no brake is on.
    const owner = freshIp();
    expectWrong(login, await login.attempt(braked, owner, username, 'typo'));
    expectAccepted(login, await login.attempt(braked, owner, username, PASSWORD), username);
  });
});

describe(`remembered Basic credentials on ${TEST_DATABASE_KIND}`, () => {
  let second: TestServer;

  beforeAll(async () => {
    second = await startTestServer({
      LOGIN_RATE_LIMIT: String(LIMIT),
      TOKEN_VERSION_CACHE_MS: '0',
      DATABASE_URL: server.databaseUrl,
    });
  });
  afterAll(async () => {
    await second.close();
  });

  it('stop working on every instance once the password changes on one', async () => {
    const { username } = await register(server);
    const client = freshIp();
    for (let use = 0; use < 2; use++) {
      expectAccepted(basic, await basic.attempt(server, client, username, PASSWORD), username);
    }
    const newPassword = 'a brand new passphrase';
    const changed = await send(second, client, {
      method: 'POST',
      path: '/api/me/password',
      headers: {
        'Content-Type': 'application/json',
        ...basicAuth({ username, password: PASSWORD }),
      },
      body: JSON.stringify({ current_password: PASSWORD, new_password: newPassword }),
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);

    expectWrong(basic, await basic.attempt(server, client, username, PASSWORD));
    expectWrong(basic, await basic.attempt(second, client, username, PASSWORD));
    expectAccepted(basic, await basic.attempt(server, client, username, newPassword), username);
  });
});
