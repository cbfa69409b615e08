import { expect, test } from '@playwright/test';
import { API_URL } from '../playwright.config.js';
import { registerReader } from './support/api.js';
import { attachScreenshot, expectAccessible, signIn } from './support/ui.js';

test('a reader changes their password, then deletes their account after confirming', async ({
  page,
  request,
}, testInfo) => {
  const reader = await registerReader(request);
  await signIn(page, reader.username, reader.password);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expectAccessible(page, 'settings');
  await attachScreenshot(page, testInfo, 'settings');

  // Change the password: errors first, in the summary, then success.
  const passwordForm = page.getByRole('region', { name: 'Change your password' });
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  const summary = passwordForm.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Enter your current password' })).toBeVisible();
  await expectAccessible(page, 'settings error summary');
  await summary.getByRole('link', { name: 'Enter your current password' }).click();
  await expect(page.getByLabel('Current password')).toBeFocused();

  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password').fill('a brand new secret');
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  await expect(
    summary.getByRole('link', { name: 'The current password is not right' }),
  ).toBeVisible();

  const newPassword = 'a brand new secret';
  await page.getByLabel('Current password').fill(reader.password);
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Your password has been changed.' }),
  ).toBeVisible();
  await expect(page.getByLabel('Current password')).toHaveValue('');
  const oldLogin = await request.post(`${API_URL}/auth/login`, {
    data: { username: reader.username, password: reader.password },
  });
  expect(oldLogin.status()).toBe(401);

  // Delete the account: the password, then a confirmation whose focus starts on Cancel.
  const danger = page.getByRole('region', { name: 'Delete your account' });
  await danger.getByLabel('Your password').fill(newPassword);
  await danger.getByRole('button', { name: 'Delete account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectAccessible(page, 'delete account dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await danger.getByRole('button', { name: 'Delete account' }).click();
  await dialog.getByRole('button', { name: 'Delete my account' }).click();

  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'Your account and its books have been deleted.' }),
  ).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  const goneLogin = await request.post(`${API_URL}/auth/login`, {
    data: { username: reader.username, password: newPassword },
  });
  expect(goneLogin.status()).toBe(401);
});
