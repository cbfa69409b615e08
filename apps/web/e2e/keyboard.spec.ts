import { expect, test } from '@playwright/test';
import { registerReader, uniqueWord } from './support/api.js';
import { tabTo } from './support/keyboard.js';

test('a keyboard user signs in, adds, edits and deletes a book without a pointer', async ({
  page,
  request,
}) => {
  const reader = await registerReader(request);
  const title = uniqueWord('Keyed ');
  await page.goto('/sign-in');

  await tabTo(page, page.getByLabel('Username'));
  await page.keyboard.type(reader.username);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(reader.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Books', exact: true })).toBeVisible();

  // Add: a failed submit lands on the error summary; its link leads to the field.
  await tabTo(page, page.getByRole('link', { name: 'Add a book' }));
  await page.keyboard.press('Enter');
  // The new page's heading takes the focus, so it is announced and Tab starts from the top.
  await expect(page.getByRole('heading', { level: 1, name: 'Add a book' })).toBeFocused();
  await tabTo(page, page.getByLabel('Title'));
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await tabTo(page, summary.getByRole('link', { name: 'Enter a title' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Title')).toBeFocused();
  await page.keyboard.type(title);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Author')).toBeFocused();
  await page.keyboard.type('Kay Board');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `Added “${title}”.` })).toBeVisible();

  // Edit.
  await tabTo(page, page.getByRole('link', { name: `Edit ${title}` }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Title'));
  await expect(page.getByLabel('Title')).toHaveValue(title);
  await page.keyboard.press('End');
  await page.keyboard.type(' II');
  await tabTo(page, page.getByRole('button', { name: 'Save changes' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `Saved “${title} II”.` })).toBeVisible();

  // Delete: the dialog opens on Cancel; the user moves to Delete on purpose.
  await tabTo(page, page.getByRole('button', { name: `Delete ${title} II` }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Delete “${title} II”?` });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Delete book' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: `Deleted “${title} II”.` }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: `${title} II`, exact: true })).toHaveCount(0);
});
