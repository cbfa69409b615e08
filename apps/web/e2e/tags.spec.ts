import { expect, test, type Page } from '@playwright/test';
import { createBook, registerReader, uniqueWord } from './support/api.js';
import { signIn } from './support/ui.js';

const suggestions = (page: Page, listId: string) => page.locator(`datalist#${listId} option`);

test('tags are suggested from the catalogue when filtering and in the book form', async ({
  page,
  request,
}) => {
  const reader = await registerReader(request);
  const tag = uniqueWord('tg');
  await createBook(request, reader, { title: `Tagged ${tag}`, author: 'Someone', tags: [tag] });
  await signIn(page, reader.username, reader.password);

  // The filter: suggestions come from GET /api/tags as the reader types.
  const filter = page.getByLabel('Filter by tag');
  await expect(filter).toHaveAttribute('list', 'tag-filter-suggestions');
  await filter.fill(tag.slice(0, -2));
  await expect(suggestions(page, 'tag-filter-suggestions')).toHaveCount(1);
  await expect(suggestions(page, 'tag-filter-suggestions')).toHaveAttribute('value', tag);
  await filter.fill(tag);
  await expect(page).toHaveURL(new RegExp(`tag=${tag}`));
  await expect(page.getByRole('link', { name: `Tagged ${tag}`, exact: true })).toBeVisible();

  // A tag nobody uses: its own wording.
  await filter.fill(`${tag}x`);
  await expect(page.getByText(`No books are tagged “${tag}x”.`)).toBeVisible();

  // A tag in the list filters by it.
  await filter.fill('');
  await page.getByRole('button', { name: `Show books tagged ${tag}` }).click();
  await expect(filter).toHaveValue(tag);

  // The form: the last tag typed is completed, keeping those before it.
  await page.getByRole('link', { name: 'Add a book' }).click();
  const tags = page.getByLabel('Tags');
  await expect(tags).toHaveAttribute('list', 'book-tags-suggestions');
  await tags.pressSequentially(`draft, ${tag.slice(0, -2)}`);
  await expect(suggestions(page, 'book-tags-suggestions')).toHaveCount(1);
  await expect(suggestions(page, 'book-tags-suggestions')).toHaveAttribute(
    'value',
    `draft, ${tag}`,
  );
});
