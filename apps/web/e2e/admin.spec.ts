import { expect, test } from '@playwright/test';
import { API_URL } from '../playwright.config.js';
import { uniqueWord } from './support/api.js';
import { attachScreenshot, expectAccessible, signIn } from './support/ui.js';

test('an admin creates a user, demotes and disables them, and finally deletes them', async ({
  page,
  browser,
}, testInfo) => {
  const username = uniqueWord('staff');
  const password = 'a long first secret';
  await signIn(page, 'alice', 'secret123');
  await page.getByRole('banner').getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'alice (you)' })).toBeVisible();
  await expectAccessible(page, 'users');

  // The form: the contract's messages in the summary first, then the account.
  await page.getByRole('link', { name: 'New user' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New user' })).toBeVisible();
  await page.getByLabel('Email').fill('not an address');
  await page.getByRole('button', { name: 'Create user' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([
    'Username must be 3-32 characters: lower-case letters, digits, _ . or -',
    'Password must be at least 8 characters',
    'Enter an email address, like name@example.com',
  ]);
  await expectAccessible(page, 'new user errors');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Email').fill(`${username}@Example.com`);
  await page.getByLabel('Role').selectOption('admin');
  await page.getByRole('button', { name: 'Create user' }).click();

  await expect(page.getByRole('status').filter({ hasText: `Created ${username}.` })).toBeVisible();
  await expect(page).toHaveURL(`/admin/users?q=${username}`);
  await expect(page.getByLabel('Search username or email')).toHaveValue(username);
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: username }) });
  await expect(row).toContainText(`${username}@example.com`);
  await expect(row.getByRole('cell')).toHaveText([
    `${username}@example.com`,
    'Admin',
    'Active',
    /\d{4}/,
    /Make user/,
  ]);

  await row.getByRole('button', { name: `Make ${username} a user` }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `${username} is now a user.` }),
  ).toBeVisible();
  await expect(row.getByRole('cell').nth(1)).toHaveText('User');

  await row.getByRole('button', { name: `Disable ${username}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Disabled ${username}` })).toBeVisible();
  await expect(row.getByRole('cell').nth(2)).toHaveText('Disabled');
  await expect(row.getByRole('button', { name: `Enable ${username}` })).toBeVisible();
  await expectAccessible(page, 'users after changes');
  await attachScreenshot(page, testInfo, 'admin users');

  // The disabled user is told why they cannot sign in.
  const theirPage = await browser.newPage();
  await theirPage.goto('/sign-in');
  await theirPage.getByLabel('Username').fill(username);
  await theirPage.getByLabel('Password').fill(password);
  await theirPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(
    theirPage
      .getByRole('alert')
      .filter({ hasText: 'This account has been disabled. Ask an admin to enable it again.' }),
  ).toBeVisible();
  await theirPage.close();

  // The last active admin stays: the API's 409 in words.
  await page.getByLabel('Search username or email').fill('alice');
  await expect(page).toHaveURL('/admin/users?q=alice');
  await page.getByRole('button', { name: 'Disable alice' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Shelf needs at least one active admin.' }),
  ).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'alice (you)' })).toBeVisible();

  // Deleting asks first, with the focus on Cancel.
  await page.getByLabel('Search username or email').fill(username);
  await expect(page).toHaveURL(`/admin/users?q=${username}`);
  await page.getByRole('button', { name: `Delete ${username}` }).click();
  const dialog = page.getByRole('dialog', { name: `Delete ${username}?` });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Delete user' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Deleted ${username} and their books.` }),
  ).toBeVisible();
  await expect(page.getByText('No users match your search.')).toBeVisible();
});

test('someone who is not an admin sees no Users link, and “Admins only” at its address', async ({
  page,
}) => {
  await signIn(page, 'bob', 'secret456');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Users' })).toHaveCount(0);
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Admins only' })).toBeVisible();
  await expectAccessible(page, 'admins only');
  await page.getByRole('link', { name: 'Back to the books' }).click();
  await expect(page.getByRole('heading', { name: 'Books', exact: true })).toBeVisible();
});

test('the users list keeps its search and page in the URL, through a reload and Back', async ({
  page,
  request,
}) => {
  const prefix = uniqueWord('pg');
  const alice = `Basic ${Buffer.from('alice:secret123').toString('base64')}`;
  const created = await Promise.all(
    Array.from({ length: 22 }, (_, index) =>
      request.post(`${API_URL}/api/users`, {
        headers: { authorization: alice },
        data: {
          username: `${prefix}_${String(index).padStart(2, '0')}`,
          password: 'a long first secret',
          role: 'user',
        },
      }),
    ),
  );
  expect(created.map((response) => response.status())).toEqual(Array(22).fill(201));

  await signIn(page, 'alice', 'secret123');
  await page.goto('/admin/users');
  await page.getByLabel('Search username or email').fill(prefix);
  await expect(page).toHaveURL(`/admin/users?q=${prefix}`);
  await expect(page.getByText('Showing 1–20')).toBeVisible();
  await expect(page.getByRole('rowheader').first()).toHaveText(`${prefix}_00`);

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(new RegExp(`^[^?]*\\?q=${prefix}&cursor=[^&]+&from=21$`));
  await expect(page.getByText('Showing 21–22')).toBeVisible();
  await expect(page.getByRole('rowheader')).toHaveText([`${prefix}_20`, `${prefix}_21`]);
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();

  await page.reload();
  await expect(page.getByText('Showing 21–22')).toBeVisible();
  await expect(page.getByLabel('Search username or email')).toHaveValue(prefix);
  await page.goBack();
  await expect(page.getByText('Showing 1–20')).toBeVisible();
  await expect(page.getByRole('rowheader').first()).toHaveText(`${prefix}_00`);
});
