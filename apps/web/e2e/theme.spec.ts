import { expect, test, type Page } from '@playwright/test';
import { holdRequests } from './support/hold-requests.js';
import { attachScreenshot, expectAccessible, signIn } from './support/ui.js';

/** Opens `path` with the app's script held back: what the page shows before React runs. */
const themeBeforeTheApp = async (page: Page, path: string): Promise<string | null> => {
  const release = await holdRequests(page, /\/assets\/.*\.js$/);
  await page.goto(path, { waitUntil: 'commit' });
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', /^(light|dark)$/);
  await expect(page.locator('#root')).toBeEmpty();
  const theme = await html.getAttribute('data-theme');
  release();
  await page.unrouteAll({ behavior: 'wait' });
  return theme;
};

test('System follows the system’s dark setting from the first paint, without axe violations', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await themeBeforeTheApp(page, '/sign-in')).toBe('dark');
  await expect(page.getByLabel('Theme')).toHaveValue('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectAccessible(page, 'sign in, dark');

  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('a chosen theme is remembered and shown before the app loads; both pass axe', async ({
  page,
}, testInfo) => {
  await signIn(page, 'alice', 'secret123');
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByText(/^Showing 1–/)).toBeVisible();
  await expectAccessible(page, 'book list, dark');
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('table')).toHaveAttribute('aria-busy', 'false');
  await expectAccessible(page, 'users, dark');
  await attachScreenshot(page, testInfo, 'users, dark');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expectAccessible(page, 'settings, dark');

  // Remembered across a reload, before any script of the app runs, whatever the system says.
  expect(await themeBeforeTheApp(page, '/settings')).toBe('dark');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByLabel('Theme').selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await themeBeforeTheApp(page, '/')).toBe('light');
  await expect(page.getByText(/^Showing 1–/)).toBeVisible();
  await expectAccessible(page, 'book list, light with a dark system');
});
