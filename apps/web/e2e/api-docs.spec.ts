import { expect, test, type Page } from '@playwright/test';
import { API_URL } from '../playwright.config.js';

/**
 * Logs in through Swagger UI's Authorize dialog with the OAuth2 password grant (replacing an earlier
 * authorization) and closes the dialog.
 */
const authorize = async (page: Page): Promise<void> => {
  await page.getByRole('button', { name: 'Authorize' }).first().click();
  const modal = page.locator('.modal-ux');
  const oauthSection = modal.locator('.auth-container').filter({ hasText: 'oauth2' });
  const remove = oauthSection.getByRole('button', { name: 'Remove authorization' });
  if (await remove.isVisible()) await remove.click();
  await modal.locator('#oauth_username').fill('alice');
  await modal.locator('#oauth_password').fill('secret123');
  await oauthSection.getByRole('button', { name: 'Apply given OAuth2 credentials' }).click();
  await expect(oauthSection.getByText('Authorized', { exact: true })).toBeVisible();
  await expect(oauthSection.getByRole('button', { name: 'Remove authorization' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(modal).toHaveCount(0);
};

test('Swagger UI authorizes with the OAuth2 password grant, calls a protected route and searches', async ({
  page,
}) => {
  await page.goto(`${API_URL}/docs/`);
  await expect(page.getByRole('heading', { name: /Shelf API/ })).toBeVisible();

  await authorize(page);

  const operation = page.locator('#operations-auth-authMe');
  await operation.getByRole('button', { name: 'GET /api/me Current user' }).click();
  await operation.getByRole('button', { name: 'Try it out' }).click();
  await operation.getByRole('button', { name: 'Execute' }).click();
  const live = operation.locator('.live-responses-table');
  await expect(live.locator('tbody .response-col_status').first()).toHaveText('200');
  await expect(live.locator('.microlight').first()).toContainText('"username": "alice"');

  // An ordinary search: the pattern of q must read the same in Swagger UI's regex dialect as in zod.
  const search = page.locator('#operations-books-booksList');
  await search.getByRole('button', { name: 'GET /api/books List books' }).click();
  await search.getByRole('button', { name: 'Try it out' }).click();
  await search.locator('tr[data-param-name="q"] input').fill('Dickens');
  await authorize(page); // access tokens live 3 s in these journeys: a fresh one for this call
  await search.getByRole('button', { name: 'Execute' }).click();
  await expect(search.locator('.request-url')).toContainText('q=Dickens');
  const searched = search.locator('.live-responses-table');
  await expect(searched.locator('tbody .response-col_status').first()).toHaveText('200');
  await expect(searched.locator('.microlight').first()).toContainText('"items"');

  // The password and tokens live in the page's memory only: nothing in Web Storage on the API origin.
  const storage = await page.evaluate(() => ({
    local: Object.fromEntries(Object.entries(localStorage)),
    session: Object.fromEntries(Object.entries(sessionStorage)),
  }));
  expect(storage).toEqual({ local: {}, session: {} });
});
