import { expect, test } from '@playwright/test';
import { signIn } from './support/ui.js';

test('the URL holds the list’s state: pages are history entries, and editing returns to them', async ({
  page,
}) => {
  await signIn(page, 'alice', 'secret123');
  await page.getByLabel('Sort by').selectOption('title');
  await expect(page).toHaveURL('/?sort=title');
  const table = page.getByRole('table');
  await expect(table).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByText('Showing 1–20')).toBeVisible();
  const firstTitle = page.getByRole('rowheader').first();
  await expect(firstTitle).toHaveText('A Wizard of Earthsea');
  const firstOfPageOne = await firstTitle.textContent();

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/^[^?]*\?sort=title&cursor=[^&]+&from=21$/);
  await expect(page.getByText(/^Showing 21–\d+$/)).toBeVisible();
  await expect(table).toHaveAttribute('aria-busy', 'false');
  const pageTwoUrl = page.url();
  const firstOfPageTwo = await firstTitle.textContent();
  expect(firstOfPageTwo).not.toBe(firstOfPageOne);

  await page.reload();
  await expect(page.getByText(/^Showing 21–\d+$/)).toBeVisible();
  await expect(firstTitle).toHaveText(firstOfPageTwo ?? '');
  await expect(page.getByLabel('Sort by')).toHaveValue('title');

  await page.goBack();
  await expect(page.getByText('Showing 1–20')).toBeVisible();
  await expect(firstTitle).toHaveText(firstOfPageOne ?? '');
  await page.goForward();
  await expect(page.getByText(/^Showing 21–\d+$/)).toBeVisible();
  await expect(firstTitle).toHaveText(firstOfPageTwo ?? '');

  // Edit, then Cancel: the same page of the list.
  await page
    .getByRole('link', { name: /^Edit / })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: 'Edit book' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(pageTwoUrl);
  await expect(page.getByText(/^Showing 21–\d+$/)).toBeVisible();

  // Edit, then Save: the same page, with a notice that goes at the next navigation.
  await page
    .getByRole('link', { name: /^Edit / })
    .first()
    .click();
  await expect(page.getByLabel('Title')).not.toHaveValue('');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(pageTwoUrl);
  const saved = page.getByRole('status').filter({ hasText: /^Saved “/ });
  await expect(saved).toBeVisible();
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(page.getByText('Showing 1–20')).toBeVisible();
  await expect(saved).toHaveCount(0);

  // Filters are in the URL too, and survive a reload.
  await page.getByLabel('Search title or author').fill('le guin');
  await expect(page).toHaveURL('/?q=le+guin&sort=title');
  await page.reload();
  await expect(page.getByLabel('Search title or author')).toHaveValue('le guin');
  await expect(page.getByRole('link', { name: 'A Wizard of Earthsea', exact: true })).toBeVisible();

  // A page address that no longer works says so and leads back to the first page.
  await page.goto('/?sort=title&cursor=not-a-cursor&from=21');
  const stale = page
    .getByRole('alert')
    .filter({ hasText: 'This list address is not valid any more.' });
  await expect(stale).toBeVisible();
  await stale.getByRole('link', { name: 'Go to the first page' }).click();
  await expect(page).toHaveURL('/?sort=title');
  await expect(page.getByText('Showing 1–20')).toBeVisible();
});
