import { expect, test } from '@playwright/test';
import { createBook, patchBook, registerReader, uniqueWord } from './support/api.js';
import { attachScreenshot, expectAccessible, signIn } from './support/ui.js';

test('a save over someone else’s change shows both versions; the user reapplies or discards', async ({
  page,
  request,
}, testInfo) => {
  const reader = await registerReader(request);
  const title = uniqueWord('Conflicted ');
  const book = await createBook(request, reader, { title, author: 'First Author', tags: ['one'] });
  await signIn(page, reader.username, reader.password);

  await page.goto(`/books/${book.id}/edit`);
  await expect(page.getByLabel('Author')).toHaveValue('First Author');
  await attachScreenshot(page, testInfo, 'edit page');
  await expectAccessible(page, 'edit page');

  // Someone else changes the author while the user changes the title.
  await patchBook(request, reader, book.id, { author: 'Their Author' });
  await page.getByLabel('Title').fill(`${title} (mine)`);
  const save = page.waitForRequest((sent) => sent.method() === 'PATCH');
  await page.getByRole('button', { name: 'Save changes' }).click();
  expect((await save).headers()['if-match']).toMatch(/^"/);

  const conflict = page.getByRole('region', { name: /Someone else changed this book/ });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('heading')).toBeFocused();
  const authorRow = conflict.getByRole('row', { name: /^Author/ });
  await expect(authorRow).toContainText('Their Author');
  await expect(authorRow).toContainText('First Author');
  const titleRow = conflict.getByRole('row', { name: /^Title/ });
  await expect(titleRow).toContainText(`${title} (mine)`);
  await expectAccessible(page, 'edit conflict');
  await attachScreenshot(page, testInfo, 'edit conflict');

  // Reapply: the user's title on top of their author.
  await conflict.getByRole('button', { name: 'Reapply my changes' }).click();
  await expect(page.getByLabel('Title')).toHaveValue(`${title} (mine)`);
  await expect(page.getByLabel('Author')).toHaveValue('Their Author');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Saved “${title} (mine)”.` }),
  ).toBeVisible();

  // Discard: a second conflict, and the user takes the saved version instead.
  await page.goto(`/books/${book.id}/edit`);
  await expect(page.getByLabel('Title')).toHaveValue(`${title} (mine)`);
  await patchBook(request, reader, book.id, { tags: ['two'] });
  await page.getByLabel('Title').fill(`${title} (again)`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await conflict.getByRole('button', { name: 'Discard my changes' }).click();
  await expect(page.getByLabel('Title')).toHaveValue(`${title} (mine)`);
  await expect(page.getByLabel('Tags')).toHaveValue('two');
});
