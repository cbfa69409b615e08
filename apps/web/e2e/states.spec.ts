import { expect, test, type Page } from '@playwright/test';
import { createBook, registerReader, uniqueWord } from './support/api.js';
import { holdRequests } from './support/hold-requests.js';
import { attachScreenshot, expectAccessible, signIn } from './support/ui.js';

const collectConsoleErrors = (page: Page): string[] => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
};

test('loading shows skeletons, and an unreachable API is retried, by itself and on request', async ({
  page,
  request,
}, testInfo) => {
  const reader = await registerReader(request);
  const book = await createBook(request, reader, {
    title: uniqueWord('Flaky '),
    author: 'Someone',
  });
  await signIn(page, reader.username, reader.password);

  const release = await holdRequests(page, /\/api\/books\?/);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Loading books…' })).toBeVisible();
  release();
  await expect(page.getByRole('link', { name: book.title, exact: true })).toBeVisible();
  await page.unrouteAll();

  // The list: the API cannot be reached; the page says so, keeps trying and offers Retry.
  let isDown = true;
  await page.route(/\/api\/books\?/, (route) =>
    isDown ? route.abort('internetdisconnected') : route.fallback(),
  );
  await page.reload();
  const problem = page.getByRole('alert').filter({ hasText: 'Can’t reach Shelf' });
  await expect(problem).toContainText('Retrying…', { timeout: 10_000 });
  await expectAccessible(page, 'network error');
  await attachScreenshot(page, testInfo, 'network error');
  const retried = page.waitForRequest(/\/api\/books\?/);
  await problem.getByRole('button', { name: 'Retry' }).click();
  await retried;
  isDown = false;
  await expect(page.getByRole('link', { name: book.title, exact: true })).toBeVisible({
    timeout: 15_000,
  });
  await expect(problem).toHaveCount(0);
  await page.unrouteAll();

  // A book: once the API is back, the page recovers without being asked.
  await page.route(/\/api\/books\/[\w-]+$/, (route) => route.abort('internetdisconnected'));
  await page.goto(`/books/${book.id}`);
  await expect(problem).toBeVisible({ timeout: 10_000 });
  await page.unrouteAll();
  await expect(page.getByRole('heading', { level: 1, name: book.title })).toBeVisible({
    timeout: 15_000,
  });
  await expect(problem).toHaveCount(0);
});

test('while the session is restored the header offers no Sign in, and nothing flashes', async ({
  page,
}) => {
  await signIn(page, 'bob', 'secret456');
  await page.addInitScript(() => {
    const seen = { signIn: false };
    Object.assign(window, { seenSignIn: seen });
    new MutationObserver(() => {
      const links = document.querySelectorAll('header a');
      for (const link of links) if (link.textContent === 'Sign in') seen.signIn = true;
    }).observe(document, { childList: true, subtree: true });
  });
  const release = await holdRequests(page, /\/auth\/refresh$/);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Loading your session…' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toHaveCount(0);
  release();
  await expect(page.getByText('Signed in as bob')).toBeVisible();
  expect(
    await page.evaluate(
      () => (window as unknown as { seenSignIn: { signIn: boolean } }).seenSignIn.signIn,
    ),
  ).toBe(false);
});

test('a signed-out visit logs no console errors', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const refresh = page.waitForResponse((response) => response.url().endsWith('/auth/refresh'));
  await page.goto('/');
  expect((await refresh).status()).toBe(204);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByRole('link', { name: 'Sign up' }).first().click();
  await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible();
  expect(errors).toEqual([]);
});
