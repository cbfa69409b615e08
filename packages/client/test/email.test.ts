import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type OutgoingMail, type TestApi } from '@shelf/api/testing';
import { createShelfClient, EMAIL_ACCEPTED_MESSAGES } from '../src/index.js';

const APP_URL = 'https://shelf.example.test';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ env: { APP_URL }, recordMail: true });
});
afterAll(async () => {
  await api.stop();
});

/** The first email to `address` after the first `since` emails, once the server has sent it. */
const mailTo = async (address: string, since = 0): Promise<OutgoingMail> => {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = api.mails.slice(since).find((mail) => mail.to === address);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no email to ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** The token of the `path` link in an email, as the web app reads it from the fragment. */
const tokenOf = (mail: OutgoingMail, path: string): string => {
  const link = new RegExp(`${APP_URL}/${path}#\\S+`).exec(mail.text)?.[0] ?? '';
  return new URLSearchParams(new URL(link).hash.slice(1)).get('token') ?? '';
};

let accounts = 0;

/** A fresh account, signed in through the SDK, with an email address confirmed via the SDK. */
const signedInWithEmail = async () => {
  const username = `sdk_email_${process.pid}_${++accounts}`;
  const password = 'first password';
  const client = createShelfClient({ baseUrl: api.url });
  expect((await client.auth.register({ body: { username, password } })).status).toBe(201);
  await client.auth.login(username, password);
  const email = `${username.replaceAll('_', '-')}-${randomUUID()}@example.com`;

  const requested = await client.auth.changeEmail(email, password);

  expect(requested.status).toBe(202);
  if (requested.status === 202) {
    expect(requested.body.message).toBe(EMAIL_ACCEPTED_MESSAGES.emailChange);
  }
  const confirmed = await client.auth.confirmEmail(tokenOf(await mailTo(email), 'verify-email'));
  expect(confirmed.status).toBe(204);
  return { client, username, password, email };
};

describe('client.auth.changeEmail and confirmEmail', () => {
  it('attach the new address once the emailed link is confirmed', async () => {
    const { client, email } = await signedInWithEmail();

    const me = await client.auth.me();

    expect(me.status === 200 && me.body.email).toBe(email);
  });

  it('types a used link as a 400 invalid-email-token', async () => {
    const result = await createShelfClient({ baseUrl: api.url }).auth.confirmEmail('used-up');

    expect(result.status).toBe(400);
    if (result.status === 400) expect(result.body.code).toBe('invalid-email-token');
  });
});

describe('client.auth.requestPasswordReset and confirmPasswordReset', () => {
  it('reset a forgotten password with the emailed token, without a session', async () => {
    const { username, password, email } = await signedInWithEmail();
    const anonymous = createShelfClient({ baseUrl: api.url });
    const since = api.mails.length;

    const requested = await anonymous.auth.requestPasswordReset(email);

    expect(requested.status).toBe(202);
    if (requested.status === 202) {
      expect(requested.body.message).toBe(EMAIL_ACCEPTED_MESSAGES.passwordReset);
    }
    const token = tokenOf(await mailTo(email, since), 'reset-password');
    const reset = await anonymous.auth.confirmPasswordReset(token, 'second password');
    expect(reset.status).toBe(204);
    expect(anonymous.auth.session).toBeNull();
    expect((await anonymous.auth.login(username, password)).status).toBe(401);
    expect((await anonymous.auth.login(username, 'second password')).status).toBe(200);

    const reused = await anonymous.auth.confirmPasswordReset(token, 'third password');
    expect(reused.status).toBe(400);
    if (reused.status === 400) expect(reused.body.code).toBe('invalid-reset-token');
  });
});
