import { expect, test } from '@playwright/test';
import { attachScreenshot, expectAccessible, signIn } from './support/ui.js';

test('sign in and sign up have no axe violations, with and without errors', async ({
  page,
}, testInfo) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expectAccessible(page, 'sign in');
  await attachScreenshot(page, testInfo, 'sign in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
  await expectAccessible(page, 'sign in with errors');

  await page.goto('/sign-up');
  await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible();
  await expectAccessible(page, 'sign up');
  await attachScreenshot(page, testInfo, 'sign up');
});

test('the list and the book form have no axe violations, the error summary included', async ({
  page,
}, testInfo) => {
  await signIn(page, 'bob', 'secret456');
  await expect(page.getByText(/^Showing 1–/)).toBeVisible();
  await expectAccessible(page, 'book list');
  await attachScreenshot(page, testInfo, 'book list');

  await page.getByRole('link', { name: 'Add a book' }).click();
  await expect(page.getByLabel('Title')).toHaveAttribute('required', '');
  await expectAccessible(page, 'new book form');
  await page.getByLabel('Published year').fill('year');
  await page.getByRole('button', { name: 'Add book' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([
    'Enter a title',
    'Enter an author',
    'Enter a year as a whole number',
  ]);
  await expectAccessible(page, 'book form error summary');
  await attachScreenshot(page, testInfo, 'book form error summary');
});
