import { expect, test, type Page } from '@playwright/test';

const password = 'correct horse battery';

const signIn = async (page: Page, username: string, secret: string) => {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Books' })).toBeVisible();
};

const addBook = async (
  page: Page,
  book: { title: string; author: string; year?: string; tags?: string },
) => {
  await page.getByRole('link', { name: 'Add a book' }).click();
  await page.getByLabel('Title').fill(book.title);
  await page.getByLabel('Author').fill(book.author);
  if (book.year !== undefined) await page.getByLabel('Published year').fill(book.year);
  if (book.tags !== undefined) await page.getByLabel('Tags').fill(book.tags);
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
  await expect(page.getByText('must be 3-32 characters of a-z, 0-9, _ . -')).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { name: 'Books' })).toBeVisible();
  await expect(page.getByText(`Signed in as ${username}`)).toBeVisible();

  // A validation error from the contract's schema, shown next to the field, and nothing sent.
  await page.getByRole('link', { name: 'Add a book' }).click();
  await page.getByLabel('Title').fill('Tomorrow’s Book');
  await page.getByLabel('Author').fill('Someone');
  await page.getByLabel('Published year').fill('3000');
  await page.getByRole('button', { name: 'Add book' }).click();
  await expect(page.getByText('must not be in the future')).toBeVisible();
  // A server-side error (duplicate ISBN) shown next to its field.
  await page.getByLabel('Published year').fill('1937');
  await page.getByLabel('ISBN').fill('978-0-261-10221-7');
  await page.getByRole('button', { name: 'Add book' }).click();
  await expect(page.getByText('Another book already has this ISBN')).toBeVisible();
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
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('rowheader', { name: 'Yesterday’s Book' })).toBeVisible();

  // Demo books belong to others: no edit or delete controls for them.
  await page.getByLabel('Search title or author').fill('hobbit');
  await expect(page.getByRole('rowheader', { name: 'The Hobbit' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete The Hobbit' })).toHaveCount(0);

  // Delete it, after confirming.
  await page.getByLabel('Search title or author').fill('');
  await page.getByLabel('Filter by tag').fill(tag);
  await page.getByRole('button', { name: 'Delete Yesterday’s Book' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Yesterday’s Book”?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No books match your search.')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('the demo admin pages through the catalogue and sorts it', async ({ page }, testInfo) => {
  await signIn(page, 'alice', 'secret123');
  await page.getByLabel('Sort by').selectOption('title');
  const firstTitle = page.getByRole('table').getByRole('rowheader').first();
  await expect(firstTitle).toHaveText('A Wizard of Earthsea');
  await expect(page.getByText('Page 1')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('books-page.png'), fullPage: true });

  const seen = new Set<string>();
  for (let pageNumber = 1; pageNumber <= 4; pageNumber++) {
    await expect(page.getByText(`Page ${pageNumber}`)).toBeVisible();
    // The previous page stays on screen, marked busy, until the next one arrives.
    await expect(page.getByRole('table')).toHaveAttribute('aria-busy', 'false');
    const titles = await page.getByRole('table').getByRole('rowheader').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) {
      expect(seen.has(title), `${title} seen twice`).toBe(false);
      seen.add(title);
    }
    const next = page.getByRole('button', { name: 'Next' });
    if (await next.isDisabled()) break;
    await next.click();
  }
  expect(seen.size).toBeGreaterThanOrEqual(38);
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(page.getByText('Page 3')).toBeVisible();

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
  await expect(page.getByRole('heading', { name: 'Books' })).toBeVisible();

  // Access tokens live 3 s in this run: move the page past that instead of waiting it out, then keep
  // working as if nothing happened. The app renews the token through the refresh cookie before its
  // next call (the API's own clock has not moved; the SDK's 401-then-refresh path is tested in
  // packages/client/test/client.test.ts, with one clock for both sides).
  await page.clock.fastForward(3_500);
  const refresh = page.waitForResponse((response) => response.url().endsWith('/auth/refresh'));
  await page.getByLabel('Search title or author').fill('orwell');
  expect((await refresh).status()).toBe(200);
  await expect(page.getByRole('rowheader', { name: 'Animal Farm' })).toBeVisible();
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
  await expect(page.getByText('Could not reach the server')).toBeVisible();

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
