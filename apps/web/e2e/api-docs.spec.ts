import { expect, test } from '@playwright/test';
import { API_URL } from '../playwright.config.js';

test('Swagger UI authorizes with the OAuth2 password grant and calls a protected route', async ({
  page,
}) => {
  await page.goto(`${API_URL}/docs/`);
  await expect(page.getByRole('heading', { name: /Shelf API/ })).toBeVisible();

  await page.getByRole('button', { name: 'Authorize' }).first().click();
  const modal = page.locator('.modal-ux');
  await modal.locator('#oauth_username').fill('alice');
  await modal.locator('#oauth_password').fill('secret123');
  const oauthSection = modal
    .locator('.auth-container')
    .filter({ has: page.locator('#oauth_username') });
  await oauthSection.getByRole('button', { name: 'Apply given OAuth2 credentials' }).click();
  await expect(modal.getByText('Authorized', { exact: true })).toBeVisible();
  await expect(modal.getByRole('button', { name: 'Remove authorization' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(modal).toHaveCount(0);

  const operation = page.locator('#operations-auth-authMe');
  await operation.getByRole('button', { name: 'GET /api/me Current user' }).click();
  await operation.getByRole('button', { name: 'Try it out' }).click();
  await operation.getByRole('button', { name: 'Execute' }).click();
  const live = operation.locator('.live-responses-table');
  await expect(live.locator('tbody .response-col_status').first()).toHaveText('200');
  await expect(live.locator('.microlight').first()).toContainText('"username": "alice"');

  // The password and tokens live in the page's memory only: nothing in Web Storage on the API origin.
  const storage = await page.evaluate(() => ({
    local: Object.fromEntries(Object.entries(localStorage)),
    session: Object.fromEntries(Object.entries(sessionStorage)),
  }));
  expect(storage).toEqual({ local: {}, session: {} });
});
