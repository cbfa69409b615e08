import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_ACCEPTED_MESSAGES } from '@shelf/contracts';
import { createLogger } from '../src/logger.js';
import { startMailCatcher, tokenFromLink, type MailCatcher } from './mail-catcher.js';
import {
  createUser,
  expectProblem,
  startTestServer,
  TEST_DATABASE_KIND,
  type TestServer,
  type TestUser,
} from './test-server.js';

const APP_URL = 'https://shelf.example.test';
const NEW_PASSWORD = 'a brand new passphrase';
const RESET_LIFETIME_MS = 30 * 60_000;

let mail: MailCatcher;
let server: TestServer;

beforeAll(async () => {
  mail = await startMailCatcher();
  server = await startTestServer({
    SMTP_URL: mail.smtpUrl,
    MAIL_FROM: 'Shelf Test <no-reply@shelf.example.test>',
    APP_URL,
  });
});
afterAll(async () => {
  await server.close();
  await mail.close();
});

/** A registered, logged-in user with an email address. */
const createUserWithEmail = async (): Promise<TestUser & { email: string }> => {
  const user = await createUser(server, 'reset');
  const email = `${user.username.replaceAll('_', '-')}@example.com`;
  await server.db.updateTable('users').set({ email }).where('id', '=', user.id).execute();
  return { ...user, email };
};

const requestReset = (email: string, on: TestServer = server) =>
  on.request().post('/auth/password-reset').send({ email });

const confirmReset = (token: string, newPassword = NEW_PASSWORD) =>
  server.request().post('/auth/password-reset/confirm').send({ token, new_password: newPassword });

/** Asks for a reset of `email`'s account and returns the token of the link it receives. */
const resetTokenFor = async (email: string): Promise<string> => {
  const since = mail.mails.length;
  await requestReset(email).expect(202);
  return tokenFromLink(await mail.waitForMail(email, { since }), APP_URL, 'reset-password');
};

const login = (username: string, password: string) =>
  server.request().post('/auth/login').send({ username, password });

describe(`password recovery by email (${TEST_DATABASE_KIND})`, () => {
  it('emails a single-use link whose token sets a new password and revokes every session', async () => {
    const user = await createUserWithEmail();
    const since = mail.mails.length;

    // Typed as a person might: the address is trimmed and lower-cased.
    const response = await requestReset(`  ${user.email.toUpperCase()} `);

    expect(response.status).toBe(202);
    expect(response.body).toEqual({ message: EMAIL_ACCEPTED_MESSAGES.passwordReset });
    expect(response.headers['cache-control']).toBe('no-store');
    const sent = await mail.waitForMail(user.email, { since });
    expect(sent.from).toBe('"Shelf Test" <no-reply@shelf.example.test>');
    expect(sent.subject).toBe('Reset your Shelf password');
    expect(sent.text).toContain(user.username);
    expect(sent.text).toContain('30 minutes');
    const token = tokenFromLink(sent, APP_URL, 'reset-password');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent.html).toContain(`<a href="${APP_URL}/reset-password#token=${token}">`);
    // Only a hash of the token is stored.
    const stored = await server.db.selectFrom('account_tokens').selectAll().execute();
    expect(stored.some((row) => row.token_hash === token)).toBe(false);

    const confirmed = await confirmReset(token);

    expect(confirmed.status).toBe(204);
    expect(confirmed.text).toBe('');
    expectProblem(await login(user.username, user.password), 401, 'invalid-credentials');
    await login(user.username, NEW_PASSWORD).expect(200);
    // The session from before the reset is revoked, and its access token refused.
    expectProblem(
      await server.request().post('/auth/refresh').send({ refresh_token: user.refreshToken }),
      401,
      'invalid-refresh-token',
    );
    expectProblem(await server.request().get('/api/me').set(user.auth), 401, 'invalid-token');
  });

  it('refuses a reset token used twice', async () => {
    const user = await createUserWithEmail();
    const token = await resetTokenFor(user.email);
    await confirmReset(token).expect(204);

    const reused = await confirmReset(token, 'yet another passphrase');

    const problem = expectProblem(reused, 400, 'invalid-reset-token');
    expect(problem.detail).toMatch(/unknown, already used or expired/);
    await login(user.username, NEW_PASSWORD).expect(200);
  });

  it('refuses a reset token once its 30 minutes are over', async () => {
    const user = await createUserWithEmail();
    const token = await resetTokenFor(user.email);

    server.clock.advance(RESET_LIFETIME_MS + 1000);

    expectProblem(await confirmReset(token), 400, 'invalid-reset-token');
    await login(user.username, user.password).expect(200);
  });

  it('accepts a reset token until just before it expires', async () => {
    const user = await createUserWithEmail();
    const token = await resetTokenFor(user.email);

    server.clock.advance(RESET_LIFETIME_MS - 1000);

    await confirmReset(token).expect(204);
  });

  it('voids an outstanding reset token when the password is changed', async () => {
    const user = await createUserWithEmail();
    const token = await resetTokenFor(user.email);
    await server
      .request()
      .post('/api/me/password')
      .set(user.auth)
      .send({ current_password: user.password, new_password: 'changed the usual way' })
      .expect(200);

    expectProblem(await confirmReset(token), 400, 'invalid-reset-token');
    await login(user.username, 'changed the usual way').expect(200);
  });

  it('voids an earlier link when a newer one is sent', async () => {
    const user = await createUserWithEmail();
    const earlier = await resetTokenFor(user.email);
    const later = await resetTokenFor(user.email);

    expectProblem(await confirmReset(earlier), 400, 'invalid-reset-token');
    await confirmReset(later).expect(204);
  });

  it('refuses an unknown token, and a token that is no string', async () => {
    const problem = expectProblem(await confirmReset('not-a-token'), 400, 'invalid-reset-token');
    expect(problem.detail).toMatch(/ask for a new one/);
    const invalid = await server
      .request()
      .post('/auth/password-reset/confirm')
      .send({ token: 7, new_password: NEW_PASSWORD });
    const validation = expectProblem(invalid, 400, 'validation-failed');
    expect(validation.errors?.map((error) => error.path)).toEqual(['body.token']);
  });

  it('holds a new password to the registration rules', async () => {
    const user = await createUserWithEmail();
    const token = await resetTokenFor(user.email);

    const problem = expectProblem(await confirmReset(token, 'short'), 400, 'validation-failed');

    expect(problem.errors).toEqual([
      { path: 'body.new_password', message: 'Password must be at least 8 characters' },
    ]);
    // The token was not used up by the refused request.
    await confirmReset(token).expect(204);
  });

  it('sends nothing to a disabled account', async () => {
    const user = await createUserWithEmail();
    await server.db
      .updateTable('users')
      .set({ disabled_at: new Date().toISOString() })
      .where('id', '=', user.id)
      .execute();
    const probe = await createUserWithEmail();
    const since = mail.mails.length;

    await requestReset(user.email).expect(202);
    // Requests' emails go in order: once the next one's mail is here, the first is settled.
    await requestReset(probe.email).expect(202);
    await mail.waitForMail(probe.email, { since });

    expect(mail.mailsTo(user.email)).toEqual([]);
  });
});

describe(`no enumeration by password reset (${TEST_DATABASE_KIND})`, () => {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
      ? (sorted[middle] ?? 0)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  };

  it('answers the same status, headers and body whether or not the address is registered', async () => {
    const user = await createUserWithEmail();
    const known = await requestReset(user.email);
    const unknown = await requestReset(`nobody-${randomUUID()}@example.com`);

    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    expect(unknown.text).toBe(known.text);
    for (const header of ['content-type', 'content-length', 'cache-control']) {
      expect(unknown.headers[header], header).toBe(known.headers[header]);
    }
  });

  it('takes about the same time whether or not the address is registered', async () => {
    const user = await createUserWithEmail();
    const timings = { known: [] as number[], unknown: [] as number[] };
    const time = async (email: string) => {
      const started = performance.now();
      await requestReset(email).expect(202);
      return performance.now() - started;
    };
    // Warm up both paths, then interleave, so neither kind runs in a quieter moment.
    await time(user.email);
    await time(`warm-${randomUUID()}@example.com`);
    for (let round = 0; round < 20; round += 1) {
      timings.known.push(await time(user.email));
      timings.unknown.push(await time(`nobody-${randomUUID()}@example.com`));
    }

    const difference = Math.abs(median(timings.known) - median(timings.unknown));
    expect(difference, JSON.stringify(timings)).toBeLessThan(5);
  });
});

describe(`password reset limits (${TEST_DATABASE_KIND})`, () => {
  let limited: TestServer;

  beforeAll(async () => {
    limited = await startTestServer({ SMTP_URL: mail.smtpUrl, LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(async () => {
    await limited.close();
  });

  it('answers 429 with Retry-After once an address was asked for too often', async () => {
    const email = `limited-${randomUUID()}@example.com`;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await requestReset(email, limited).expect(202);
    }

    const refused = await requestReset(email, limited);

    expectProblem(refused, 429, 'too-many-attempts');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another address from the same client is still served (the per-IP limit is higher).
    await requestReset(`other-${randomUUID()}@example.com`, limited).expect(202);
  });
});

describe('password reset without SMTP_URL', () => {
  it('answers 503 email-unavailable in production, and the server still starts', async () => {
    const production = await startTestServer({ NODE_ENV: 'production' });
    try {
      await production.request().get('/health').expect(200);

      const response = await requestReset('someone@example.com', production);

      const problem = expectProblem(response, 503, 'email-unavailable');
      expect(problem.detail).toMatch(/SMTP_URL/);
    } finally {
      await production.close();
    }
  });

  it('logs the email instead in development', async () => {
    const lines: string[] = [];
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(chunk.toString());
          callback();
        },
      }),
    );
    const development = await startTestServer(
      { NODE_ENV: 'development', APP_URL, LOG_LEVEL: 'info' },
      { logger },
    );
    const email = `dev-${randomUUID()}@example.com`;
    try {
      const user = await createUser(development, 'devmail');
      await development.db.updateTable('users').set({ email }).where('id', '=', user.id).execute();
      await requestReset(email, development).expect(202);
    } finally {
      // Closing waits for the email the request left running.
      await development.close();
    }

    const logged = lines.find((line) => line.includes(`${APP_URL}/reset-password#token=`));
    expect(logged).toBeDefined();
    expect(JSON.parse(logged ?? '{}')).toMatchObject({
      level: 30,
      mail: { to: email, subject: 'Reset your Shelf password' },
    });
  });
});
