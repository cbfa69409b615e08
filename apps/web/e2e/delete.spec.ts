import { expect, test } from '@playwright/test';
import { createBook, registerReader, uniqueWord } from './support/api.js';
import { attachScreenshot, expectAccessible, signIn } from './support/ui.js';

test('deleting asks first with Cancel focused, then says what was deleted until the next page', async ({
  page,
  request,
}, testInfo) => {
  const reader = await registerReader(request);
  const marker = uniqueWord('gone');
  const kept = await createBook(request, reader, { title: `Kept ${marker}`, author: 'Someone' });
  const doomed = await createBook(request, reader, {
    title: `Doomed ${marker}`,
    author: 'Someone',
  });
  await signIn(page, reader.username, reader.password);

  // From the list: Escape and Cancel keep the book.
  await page.getByRole('button', { name: `Delete ${doomed.title}` }).click();
  const dialog = page.getByRole('dialog', { name: `Delete “${doomed.title}”?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectAccessible(page, 'delete dialog');
  await attachScreenshot(page, testInfo, 'delete dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: `Delete ${doomed.title}` }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('link', { name: doomed.title, exact: true })).toBeVisible();

  await page.getByRole('button', { name: `Delete ${doomed.title}` }).click();
  await dialog.getByRole('button', { name: 'Delete book' }).click();
  const notice = page.getByRole('status').filter({ hasText: `Deleted “${doomed.title}”.` });
  await expect(notice).toBeVisible();
  await expect(page.getByRole('link', { name: doomed.title, exact: true })).toHaveCount(0);

  // The notice belongs to that moment: the next navigation clears it.
  await page.getByRole('link', { name: kept.title, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: kept.title })).toBeVisible();
  await expect(notice).toHaveCount(0);

  // From the book page: back to the list, with the notice there.
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete book' }).click();
  await expect(page.getByRole('heading', { name: 'Books', exact: true })).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: `Deleted “${kept.title}”.` }),
  ).toBeVisible();
  // The box follows the URL, so it shows checked once the navigation lands.
  await page.getByLabel('Mine only').click();
  await expect(page.getByLabel('Mine only')).toBeChecked();
  await expect(page.getByText('You have not added any books yet.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted' })).toHaveCount(0);
  await expectAccessible(page, 'empty list');
});
