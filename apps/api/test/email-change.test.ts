import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_ACCEPTED_MESSAGES } from '@shelf/contracts';
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
const VERIFY_LIFETIME_MS = 24 * 3600_000;

let mail: MailCatcher;
let server: TestServer;

beforeAll(async () => {
  mail = await startMailCatcher();
  server = await startTestServer({ SMTP_URL: mail.smtpUrl, APP_URL });
});
afterAll(async () => {
  await server.close();
  await mail.close();
});

const freshAddress = (name = 'reader') => `${name}-${randomUUID()}@example.com`;

/** A registered, logged-in user, with `email` set directly (null: none). */
const createUserWithEmail = async (email: string | null = freshAddress('old')) => {
  const user = await createUser(server, 'email');
  await server.db.updateTable('users').set({ email }).where('id', '=', user.id).execute();
  return { ...user, email };
};

const requestChange = (user: TestUser, email: string, password = user.password) =>
  server.request().post('/api/me/email').set(user.auth).send({ email, password });

const confirmEmail = (token: string) =>
  server.request().post('/auth/email/confirm').send({ token });

const currentEmail = async (user: TestUser) => {
  const me = await server.request().get('/api/me').set(user.auth).expect(200);
  return (me.body as { email: string | null }).email;
};

/** Asks to change `user`'s address to `email` and returns the token of the link `email` receives. */
const verificationTokenFor = async (user: TestUser, email: string): Promise<string> => {
  const since = mail.mails.length;
  await requestChange(user, email).expect(202);
  return tokenFromLink(await mail.waitForMail(email, { since }), APP_URL, 'verify-email');
};

describe(`changing the email address (${TEST_DATABASE_KIND})`, () => {
  it('sends a link to the new address and a notice to the old, and changes only once confirmed', async () => {
    const user = await createUserWithEmail();
    const newAddress = freshAddress('new');
    const since = mail.mails.length;

    const response = await requestChange(user, `  ${newAddress.toUpperCase()}`);

    expect(response.status).toBe(202);
    expect(response.body).toEqual({ message: EMAIL_ACCEPTED_MESSAGES.emailChange });
    expect(response.headers['cache-control']).toBe('no-store');
    const link = await mail.waitForMail(newAddress, { since });
    expect(link.subject).toBe('Confirm your new Shelf email address');
    expect(link.text).toContain(user.username);
    const token = tokenFromLink(link, APP_URL, 'verify-email');
    expect(link.html).toContain(`<a href="${APP_URL}/verify-email#token=${token}">`);
    const notice = await mail.waitForMail(user.email ?? '', { since });
    expect(notice.subject).toBe('Your Shelf email address is about to change');
    expect(notice.text).toContain(newAddress);
    expect(notice.text).not.toContain('#token=');
    expect(await currentEmail(user)).toBe(user.email);

    const confirmed = await confirmEmail(token);

    expect(confirmed.status).toBe(204);
    expect(await currentEmail(user)).toBe(newAddress);
    expectProblem(await confirmEmail(token), 400, 'invalid-email-token');
  });

  it('escapes what it interpolates in the HTML part', async () => {
    const user = await createUserWithEmail();
    const newAddress = `o'brien-${randomUUID()}@example.com`;
    const since = mail.mails.length;

    await requestChange(user, newAddress).expect(202);

    const notice = await mail.waitForMail(user.email ?? '', { since });
    expect(notice.text).toContain(newAddress);
    expect(notice.html).toContain(newAddress.replace("'", '&#39;'));
    expect(notice.html).not.toContain(newAddress);
  });

  it('sends no notice when the account has no address yet', async () => {
    const user = await createUserWithEmail(null);
    const newAddress = freshAddress('first');
    const token = await verificationTokenFor(user, newAddress);

    await confirmEmail(token).expect(204);

    expect(await currentEmail(user)).toBe(newAddress);
    expect(
      mail.mails.filter((sent) => sent.subject.includes('about to change')),
    ).not.toContainEqual(
      expect.objectContaining({ text: expect.stringContaining(newAddress) as unknown }),
    );
  });

  it('sends the owner of a taken address a notice instead of a link, and answers the same 202', async () => {
    const owner = await createUserWithEmail();
    const user = await createUserWithEmail();
    const free = await requestChange(user, freshAddress('free')).expect(202);
    const since = mail.mails.length;

    const taken = await requestChange(user, owner.email ?? '');

    expect(taken.status).toBe(202);
    expect(taken.text).toBe(free.text);
    expect(taken.headers['content-type']).toBe(free.headers['content-type']);
    const notice = await mail.waitForMail(owner.email ?? '', { since });
    expect(notice.subject).toBe('Someone tried to use your email address on Shelf');
    expect(notice.text).not.toContain('#token=');
    expect(notice.text).not.toContain(user.username);
    const pending = await server.db
      .selectFrom('account_tokens')
      .select('email')
      .where('user_id', '=', user.id)
      .execute();
    expect(pending.map((row) => row.email)).not.toContain(owner.email);
    // No notice went to the requester's own address about the taken one.
    expect(mail.mailsTo(user.email ?? '').slice(-1)[0]?.text ?? '').not.toContain(owner.email);
    expect(await currentEmail(owner)).toBe(owner.email);
  });

  it('answers 409 email-taken when another account took the address before the link was opened', async () => {
    const user = await createUserWithEmail();
    const other = await createUserWithEmail();
    const contested = freshAddress('contested');
    const token = await verificationTokenFor(user, contested);
    await server.db
      .updateTable('users')
      .set({ email: contested })
      .where('id', '=', other.id)
      .execute();

    expectProblem(await confirmEmail(token), 409, 'email-taken');
    expect(await currentEmail(user)).toBe(user.email);
  });

  it('refuses a verification link once its 24 hours are over', async () => {
    const user = await createUserWithEmail();
    const token = await verificationTokenFor(user, freshAddress('late'));

    server.clock.advance(VERIFY_LIFETIME_MS + 1000);

    const problem = expectProblem(await confirmEmail(token), 400, 'invalid-email-token');
    expect(problem.detail).toMatch(/unknown, already used or expired/);
    // The access token expired with the day too: read the address from the database.
    const row = await server.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.email).toBe(user.email);
  });

  it('refuses a verification link issued before a password change', async () => {
    const user = await createUserWithEmail();
    const token = await verificationTokenFor(user, freshAddress('stale'));
    const changed = await server
      .request()
      .post('/api/me/password')
      .set(user.auth)
      .send({ current_password: user.password, new_password: 'a different passphrase' })
      .expect(200);

    expectProblem(await confirmEmail(token), 400, 'invalid-email-token');
    const me = await server
      .request()
      .get('/api/me')
      .set({ Authorization: `Bearer ${(changed.body as { access_token: string }).access_token}` })
      .expect(200);
    expect((me.body as { email: string }).email).toBe(user.email);
  });

  it('refuses a wrong password with 403, sending nothing', async () => {
    const user = await createUserWithEmail();
    const newAddress = freshAddress('guess');

    const response = await requestChange(user, newAddress, 'not my password');

    expectProblem(response, 403, 'invalid-credentials');
    expect(mail.mailsTo(newAddress)).toEqual([]);
  });

  it('refuses an unauthenticated request and an invalid address', async () => {
    expectProblem(
      await server
        .request()
        .post('/api/me/email')
        .send({ email: freshAddress(), password: 'whatever' }),
      401,
      'unauthenticated',
    );
    const user = await createUserWithEmail();
    const invalid = expectProblem(
      await requestChange(user, 'not an address'),
      400,
      'validation-failed',
    );
    expect(invalid.errors?.map((error) => error.path)).toEqual(['body.email']);
  });
});

describe(`email change confirmations count like logins (${TEST_DATABASE_KIND})`, () => {
  it('answers 429 after too many wrong passwords', async () => {
    const limited = await startTestServer({ SMTP_URL: mail.smtpUrl, LOGIN_RATE_LIMIT: '2' });
    try {
      const user = await createUser(limited, 'limited');
      const attempt = () =>
        limited
          .request()
          .post('/api/me/email')
          .set(user.auth)
          .send({ email: freshAddress(), password: 'wrong password' });
      expectProblem(await attempt(), 403, 'invalid-credentials');
      expectProblem(await attempt(), 403, 'invalid-credentials');

      const refused = await attempt();

      expectProblem(refused, 429, 'too-many-attempts');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });
});

describe('email change without SMTP_URL in production', () => {
  it('answers 503 email-unavailable', async () => {
    const production = await startTestServer({ NODE_ENV: 'production' });
    try {
      const user = await createUser(production, 'prod');

      const response = await production
        .request()
        .post('/api/me/email')
        .set(user.auth)
        .send({ email: freshAddress(), password: user.password });

      expectProblem(response, 503, 'email-unavailable');
    } finally {
      await production.close();
    }
  });
});
