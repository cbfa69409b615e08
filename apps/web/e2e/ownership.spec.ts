import { expect, test } from '@playwright/test';
import { createBook, registerReader, uniqueWord } from './support/api.js';
import { signIn } from './support/ui.js';

test('the list names each book’s owner, “you” for one’s own, and Mine shows only those', async ({
  page,
  request,
}) => {
  const reader = await registerReader(request);
  const other = await registerReader(request);
  const marker = uniqueWord('own');
  await createBook(request, reader, { title: `Mine ${marker}`, author: 'Me' });
  await createBook(request, other, { title: `Theirs ${marker}`, author: 'Them' });

  await signIn(page, reader.username, reader.password);
  await page.getByLabel('Search title or author').fill(marker);
  const mine = page.getByRole('row', { name: new RegExp(`Mine ${marker}`) });
  const theirs = page.getByRole('row', { name: new RegExp(`Theirs ${marker}`) });
  await expect(mine.getByRole('cell', { name: /(^|: )you$/ })).toBeVisible();
  await expect(
    theirs.getByRole('cell', { name: new RegExp(`(^|: )${other.username}$`) }),
  ).toBeVisible();
  await expect(theirs.getByRole('link', { name: /^Edit / })).toHaveCount(0);

  // The box follows the URL, so it shows checked once the navigation lands.
  await page.getByLabel('Mine only').click();
  await expect(page.getByLabel('Mine only')).toBeChecked();
  await expect(page).toHaveURL(/owner=me/);
  await expect(theirs).toHaveCount(0);
  await expect(mine).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Mine only')).toBeChecked();
  await expect(theirs).toHaveCount(0);
  await page.goBack();
  await expect(page.getByLabel('Mine only')).not.toBeChecked();
  await expect(theirs).toBeVisible();
});
