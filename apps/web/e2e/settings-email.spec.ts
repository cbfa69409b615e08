import { expect, test } from '@playwright/test';
import { registerReader } from './support/api.js';
import { emailedLink, uniqueEmail } from './support/mail.js';
import { expectAccessible, signIn } from './support/ui.js';

test('a reader adds an email address, confirmed by the link sent to it', async ({
  page,
  request,
}) => {
  const reader = await registerReader(request);
  const email = uniqueEmail('reader');
  await signIn(page, reader.username, reader.password);
  await page.getByRole('link', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Email address' });
  await expect(section).toContainText('You have no email address yet.');

  await section.getByLabel('New email address').fill(email);
  await section.getByLabel('Your password').fill('not my password');
  await section.getByRole('button', { name: 'Send confirmation link' }).click();
  const summary = section.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'The password is not right' })).toBeVisible();

  await section.getByLabel('Your password').fill(reader.password);
  await section.getByRole('button', { name: 'Send confirmation link' }).click();
  await expect(section.getByRole('status')).toContainText(`We’ve sent a link to ${email}.`);
  await expectAccessible(page, 'email change sent');

  const link = await emailedLink(request, email, '/verify-email');
  await page.goto(link);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Your email address is confirmed' }),
  ).toBeVisible();
  await expect(page).toHaveURL('/verify-email');
  await page.getByRole('link', { name: 'Go to your settings' }).click();
  await expect(section).toContainText(`Your address is ${email}.`);

  await page.goto(link);
  await expect(
    page.getByRole('heading', { level: 1, name: 'This link doesn’t work' }),
  ).toBeVisible();
});
