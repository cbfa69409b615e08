import { expect, test, type Page } from '@playwright/test';
import { CreateBookBodySchema, RegisterBodySchema } from '@shelf/client';
import { attachScreenshot, signIn } from './support/ui.js';

const password = 'correct horse battery';

/** The contract schema's own message for a field, so the test follows its wording. */
const messageFor = (
  schema: typeof RegisterBodySchema | typeof CreateBookBodySchema,
  body: unknown,
  field: string,
): string => {
  const issue = schema.safeParse(body).error?.issues.find((found) => found.path[0] === field);
  if (issue === undefined) throw new Error(`${field} is valid in ${JSON.stringify(body)}`);
  return issue.message;
};

const addBook = async (page: Page, book: { title: string; author: string }) => {
  await page.getByRole('link', { name: 'Add a book' }).click();
  await page.getByLabel('Title').fill(book.title);
  await page.getByLabel('Author').fill(book.author);
  await page.getByRole('button', { name: 'Add book' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Added “${book.title}”.` }),
  ).toBeVisible();
};

test('a new librarian signs up, manages a book end to end and signs out', async ({ page }) => {
  const username = `librarian_${Date.now()}`;
  const tag = `e2e${Date.now()}`;

  await page.goto('/sign-up');
  await page.getByLabel('Username').fill('Bad Name!');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Sign up' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  const usernameError = messageFor(
    RegisterBodySchema,
    { username: 'Bad Name!', password },
    'username',
  );
  await expect(summary.getByRole('link', { name: usernameError })).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { name: 'Books', exact: true })).toBeVisible();
  await expect(page.getByText(`Signed in as ${username}`)).toBeVisible();

  // A validation error from the contract's schema, in the summary and by the field; nothing sent.
  await page.getByRole('link', { name: 'Add a book' }).click();
  await page.getByLabel('Title').fill('Tomorrow’s Book');
  await page.getByLabel('Author').fill('Someone');
  await page.getByLabel('Published year').fill('3000');
  await page.getByRole('button', { name: 'Add book' }).click();
  const yearError = messageFor(
    CreateBookBodySchema,
    { title: 'x', author: 'y', published_year: 3000 },
    'published_year',
  );
  await expect(page.getByRole('alert').getByRole('link', { name: yearError })).toBeVisible();
  await expect(page.getByLabel('Published year')).toHaveAttribute('aria-invalid', 'true');
  // A server-side error (duplicate ISBN) shown by its field.
  await page.getByLabel('Published year').fill('1937');
  await page.getByLabel('ISBN').fill('978-0-261-10221-7');
  await page.getByRole('button', { name: 'Add book' }).click();
  const isbnSummary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(
    isbnSummary.getByRole('link', { name: 'Another book already has this ISBN' }),
  ).toBeVisible();
  await expect(isbnSummary).toBeFocused();
  await expect(page.getByLabel('ISBN')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('ISBN').fill('');
  await page.getByLabel('Tags').fill(`${tag}, draft`);
  await page.getByRole('button', { name: 'Add book' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Added “Tomorrow’s Book”.' }),
  ).toBeVisible();

  // Edit it.
  await page.getByRole('link', { name: 'Edit Tomorrow’s Book' }).click();
  await expect(page.getByLabel('Title')).toHaveValue('Tomorrow’s Book');
  await page.getByLabel('Title').fill('Yesterday’s Book');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved “Yesterday’s Book”.' }),
  ).toBeVisible();

  // Search for it (debounced q).
  await page.getByLabel('Search title or author').fill('yesterday');
  await expect(page).toHaveURL(/q=yesterday/);
  await expect(page.getByRole('link', { name: 'Yesterday’s Book', exact: true })).toBeVisible();
  await expect(page.getByText('Showing 1', { exact: true })).toBeVisible();

  // Demo books belong to others: no edit or delete controls for them.
  await page.getByLabel('Search title or author').fill('hobbit');
  await expect(page.getByRole('link', { name: 'The Hobbit', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete The Hobbit' })).toHaveCount(0);

  // Delete it, after confirming.
  await page.getByLabel('Search title or author').fill('');
  await page.getByLabel('Filter by tag').fill(tag);
  await expect(page.getByRole('link', { name: 'Yesterday’s Book', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Delete Yesterday’s Book' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Yesterday’s Book”?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete book' }).click();
  await expect(page.getByText(`No books are tagged “${tag}”.`)).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('the demo admin pages through the catalogue and sorts it', async ({ page }, testInfo) => {
  await signIn(page, 'alice', 'secret123');
  await page.getByLabel('Sort by').selectOption('title');
  await expect(page).toHaveURL(/sort=title/);
  const titles = page.getByRole('table').getByRole('rowheader');
  await expect(titles.first()).toHaveText('A Wizard of Earthsea');
  await expect(page.getByText('Showing 1–20')).toBeVisible();
  await attachScreenshot(page, testInfo, 'book list');

  const seen = new Set<string>();
  for (let from = 1; from <= 81; from += 20) {
    await expect(page.getByText(new RegExp(`^Showing ${from}(–\\d+)?$`))).toBeVisible();
    // The previous page stays on screen, marked busy, until the next one arrives.
    await expect(page.getByRole('table')).toHaveAttribute('aria-busy', 'false');
    const pageBooks = await titles
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(pageBooks.length).toBeGreaterThan(0);
    for (const book of pageBooks) {
      expect(seen.has(book), `${book} seen twice`).toBe(false);
      seen.add(book);
    }
    const next = page.getByRole('button', { name: 'Next' });
    if (await next.isDisabled()) break;
    await next.click();
  }
  expect(seen.size).toBeGreaterThanOrEqual(38);
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(page.getByText(/^Showing \d+–\d+$/)).toBeVisible();

  // The admin may change anyone's book.
  await expect(page.getByRole('link', { name: /^Edit / }).first()).toBeVisible();
});

test('the session survives a reload and an access token expiring mid-use', async ({ page }) => {
  // The page's clock runs with real time until the test moves it past an access token's lifetime.
  await page.clock.install();
  await signIn(page, 'bob', 'secret456');

  const tokensInStorage = await page.evaluate(() =>
    [localStorage, sessionStorage]
      .flatMap((storage) => Object.keys(storage).map((key) => storage.getItem(key) ?? ''))
      .join('\n'),
  );
  expect(tokensInStorage).not.toMatch(/ey[\w-]+\.[\w-]+\./);
  expect(await page.evaluate(() => document.cookie)).toBe('');

  await page.reload();
  await expect(page.getByText('Signed in as bob')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Books', exact: true })).toBeVisible();

  // Access tokens live 3 s in this run: move the page past that instead of waiting it out, then keep
  // working as if nothing happened. The app renews the token through the refresh cookie before its
  // next call (the API's own clock has not moved; the SDK's 401-then-refresh path is tested in
  // packages/client/test/client.test.ts, with one clock for both sides).
  await page.clock.fastForward(3_500);
  const refresh = page.waitForResponse((response) => response.url().endsWith('/auth/refresh'));
  await page.getByLabel('Search title or author').fill('orwell');
  expect((await refresh).status()).toBe(200);
  await expect(page.getByRole('link', { name: 'Animal Farm', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toHaveCount(0);

  await page.clock.fastForward(3_500);
  const secondRefresh = page.waitForResponse((response) =>
    response.url().endsWith('/auth/refresh'),
  );
  await addBook(page, { title: `Silent Refresh ${Date.now()}`, author: 'Bob' });
  expect((await secondRefresh).status()).toBe(200);
});

test('the API refuses a web origin that is not on its CORS list', async ({ page }) => {
  // The same app served from another origin (localhost instead of 127.0.0.1) is not allowed.
  await page.goto('http://localhost:5180/sign-in');
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('secret123');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Can’t reach Shelf')).toBeVisible();

  const allowed = await page.evaluate(async () => {
    try {
      await fetch('http://127.0.0.1:3100/health');
      return 'allowed';
    } catch {
      return 'refused';
    }
  });
  expect(allowed).toBe('refused');
});
