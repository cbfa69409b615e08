import { expect, test } from '@playwright/test';
import { createBook, registerReader, uniqueIsbn, uniqueWord } from './support/api.js';
import { attachScreenshot, expectAccessible, signIn } from './support/ui.js';

test('a book’s page shows every field, and Edit and Delete only to who may change it', async ({
  page,
  request,
}, testInfo) => {
  const owner = await registerReader(request);
  const other = await registerReader(request);
  const title = uniqueWord('Detail ');
  const isbn = uniqueIsbn();
  const book = await createBook(request, owner, {
    title,
    author: 'Ursula K. Le Guin',
    isbn,
    published_year: 1969,
    tags: ['sf', 'classic'],
  });

  await signIn(page, owner.username, owner.password);
  await page.getByLabel('Search title or author').fill(title);
  await expect(page).toHaveURL(/q=Detail/);
  await page.getByRole('link', { name: title, exact: true }).click();
  await expect(page).toHaveURL(`/books/${book.id}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const details = page.locator('dl');
  const expected: [string, string][] = [
    ['Author', 'Ursula K. Le Guin'],
    ['ISBN', isbn],
    ['Published', '1969'],
    ['Tags', 'sf, classic'],
    ['Added by', 'you'],
  ];
  for (const [term, value] of expected) {
    await expect(details.getByText(term, { exact: true })).toBeVisible();
    await expect(details.getByText(value, { exact: true })).toBeVisible();
  }
  await expect(details.locator('time')).toHaveCount(2);
  await expect(page.getByRole('link', { name: 'Edit' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete' })).toBeVisible();
  await expectAccessible(page, 'book page');
  await attachScreenshot(page, testInfo, 'book page');

  // Back to the same list.
  await page.getByRole('link', { name: '← Back to the books' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${title.replace(' ', '\\+')}`));

  // Someone else sees the owner's name and no way to change it; the edit page refuses, with a way back.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, other.username, other.password);
  await page.goto(`/books/${book.id}`);
  await expect(page.locator('dl').getByText(owner.username, { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await page.goto(`/books/${book.id}/edit`);
  await expect(page.getByText(`You can’t edit “${title}”`)).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveCount(0);
  await expectAccessible(page, 'edit page refusing a reader who may not edit');
  await page.getByRole('link', { name: 'View the book' }).click();
  await expect(page).toHaveURL(`/books/${book.id}`);
});

test('an unknown book and an unknown page say so, with a way back', async ({ page }, testInfo) => {
  await signIn(page, 'bob', 'secret456');
  await page.goto('/books/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { name: 'Book not found' })).toBeVisible();
  await expectAccessible(page, 'book not found');
  await page.getByRole('link', { name: 'Back to the books' }).click();
  await expect(page.getByRole('heading', { name: 'Books', exact: true })).toBeVisible();

  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expectAccessible(page, '404 page');
  await attachScreenshot(page, testInfo, '404 page');
  await page.getByRole('link', { name: 'Back to the books' }).click();
  await expect(page.getByRole('heading', { name: 'Books', exact: true })).toBeVisible();
});
