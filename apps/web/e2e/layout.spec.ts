import { expect, test } from '@playwright/test';
import { createBook, registerReader, uniqueWord } from './support/api.js';
import { attachScreenshot, hasHorizontalScroll, signIn } from './support/ui.js';

const WIDTHS = [320, 390, 768, 1280, 1440];

test('the book list never scrolls sideways, even with a 200-character word for a title', async ({
  page,
  request,
}, testInfo) => {
  const reader = await registerReader(request);
  const marker = uniqueWord('wide');
  const longWord = `${marker}${'w'.repeat(200 - marker.length)}`;
  await createBook(request, reader, {
    title: longWord,
    author: `Author ${marker}`,
    tags: ['long'],
  });
  await createBook(request, reader, { title: `Short ${marker}`, author: `Author ${marker}` });

  await signIn(page, reader.username, reader.password);
  await page.getByLabel('Search title or author').fill(marker);
  await expect(page).toHaveURL(new RegExp(`q=${marker}`));
  await expect(page.getByRole('table')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByRole('rowheader')).toHaveCount(2);
  await expect(page.getByRole('link', { name: longWord, exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: `Edit ${longWord}` })).toBeVisible();

  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    expect(await hasHorizontalScroll(page), `sideways scroll at ${width} px`).toBe(false);
    // Every book's actions stay within the screen's width.
    const rights = await page
      .getByRole('link', { name: /^Edit / })
      .evaluateAll((links) => links.map((link) => link.getBoundingClientRect().right));
    expect(rights.length).toBe(2);
    for (const right of rights) expect(right, `actions at ${width} px`).toBeLessThanOrEqual(width);
  }

  // Desktop: one table, the action cells of all rows in one column.
  await page.setViewportSize({ width: 1280, height: 800 });
  const lefts = await page
    .getByRole('link', { name: /^Edit / })
    .evaluateAll((links) => links.map((link) => Math.round(link.getBoundingClientRect().left)));
  expect(new Set(lefts).size).toBe(1);
  await attachScreenshot(page, testInfo, 'book list with a long title, 1280 px');

  // Phone: one card per book, each cell named by its column.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.locator('thead')).not.toBeInViewport();
  await attachScreenshot(page, testInfo, 'book list with a long title, 390 px');
});
