import { expect, test, type Page } from '@playwright/test';
import { registerReader } from './support/api.js';
import { setEmail } from './support/admin.js';
import { emailedLink, uniqueEmail } from './support/mail.js';
import { attachScreenshot, expectAccessible, signIn } from './support/ui.js';

/** The reset page's password input (the page's region is named "Choose a new password" too). */
const newPasswordField = (page: Page) => page.getByRole('textbox', { name: 'New password' });

test('a reader who forgot their password resets it with the emailed link, once', async ({
  page,
  request,
}, testInfo) => {
  const reader = await registerReader(request);
  const email = uniqueEmail('forgetful');
  await setEmail(request, reader, email);
  const requested: string[] = [];
  page.on('request', (sent) => requested.push(sent.url()));

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Forgot your password?' }),
  ).toBeVisible();
  await page.getByLabel('Email address').fill(email.toUpperCase());
  await page.getByRole('button', { name: 'Send link' }).click();
  const sent = page.getByRole('heading', { level: 1, name: 'Check your email' });
  await expect(sent).toBeFocused();
  await expect(
    page.getByText('If an account has this address, we’ve sent a link to it.'),
  ).toBeVisible();
  await expectAccessible(page, 'reset link sent');

  // An unknown address gets exactly the same answer.
  await page.goto('/forgot-password');
  await page.getByLabel('Email address').fill(uniqueEmail('nobody'));
  await page.getByRole('button', { name: 'Send link' }).click();
  await expect(sent).toBeVisible();

  const link = await emailedLink(request, email, '/reset-password');
  const token = new URL(link).hash.replace('#token=', '');
  await page.goto(link);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Choose a new password' }),
  ).toBeVisible();
  // The token leaves the address bar, and no request ever carries it in a URL.
  await expect(page).toHaveURL('/reset-password');
  await expectAccessible(page, 'reset password');
  await attachScreenshot(page, testInfo, 'reset password');

  await newPasswordField(page).fill('short');
  await page.getByRole('button', { name: 'Reset password' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(
    summary.getByRole('link', { name: 'Password must be at least 8 characters' }),
  ).toBeVisible();
  await page.getByLabel('Show password').check();
  await expect(newPasswordField(page)).toHaveAttribute('type', 'text');
  const newPassword = 'a recovered long secret';
  await newPasswordField(page).fill(newPassword);
  const confirm = page.waitForRequest((sentRequest) =>
    sentRequest.url().endsWith('/auth/password-reset/confirm'),
  );
  await page.getByRole('button', { name: 'Reset password' }).click();
  expect((await confirm).postDataJSON()).toEqual({ token, new_password: newPassword });
  await expect(
    page.getByRole('heading', { level: 1, name: 'Your password has been reset' }),
  ).toBeFocused();
  expect(requested.filter((url) => url.includes(token))).toEqual([]);

  await page.getByRole('link', { name: 'Sign in' }).last().click();
  await signIn(page, reader.username, newPassword);

  // The link works once.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.goto(link);
  await newPasswordField(page).fill('yet another long secret');
  await page.getByRole('button', { name: 'Reset password' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'This link doesn’t work' }),
  ).toBeFocused();
  await expectAccessible(page, 'used reset link');
  await page.getByRole('link', { name: 'Request a new link' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Forgot your password?' }),
  ).toBeVisible();
});

test('a reset link without its token says so at once', async ({ page }) => {
  await page.goto('/reset-password');
  await expect(
    page.getByRole('heading', { level: 1, name: 'This link doesn’t work' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Request a new link' })).toBeVisible();
});
