import { expect, type APIRequestContext } from '@playwright/test';
import { API_URL } from '../../playwright.config.js';

export interface Reader {
  username: string;
  password: string;
  token: string;
}

export interface BookInput {
  title: string;
  author: string;
  isbn?: string | null;
  published_year?: number | null;
  tags?: string[];
}

export interface CreatedBook extends Required<BookInput> {
  id: string;
  owner_username: string;
}

let readers = 0;

/** A fresh account, registered and logged in through the API (faster than the UI). */
export const registerReader = async (request: APIRequestContext): Promise<Reader> => {
  readers += 1;
  const username = `reader_${Date.now().toString(36)}_${readers}_${Math.floor(Math.random() * 1e6).toString(36)}`;
  const password = 'correct horse battery';
  const registered = await request.post(`${API_URL}/auth/register`, {
    data: { username, password },
  });
  expect(registered.status()).toBe(201);
  return { username, password, token: await loginToken(request, username, password) };
};

/** An access token for an account (they live 3 s in these runs: take one per use). */
export const loginToken = async (
  request: APIRequestContext,
  username: string,
  password: string,
): Promise<string> => {
  const login = await request.post(`${API_URL}/auth/login`, { data: { username, password } });
  expect(login.status()).toBe(200);
  const body = (await login.json()) as { access_token: string };
  return body.access_token;
};

const authorization = async (request: APIRequestContext, reader: Reader) => ({
  authorization: `Bearer ${await loginToken(request, reader.username, reader.password)}`,
});

/** Adds a book owned by `reader`. */
export const createBook = async (
  request: APIRequestContext,
  reader: Reader,
  book: BookInput,
): Promise<CreatedBook> => {
  const created = await request.post(`${API_URL}/api/books`, {
    headers: await authorization(request, reader),
    data: book,
  });
  expect(created.status()).toBe(201);
  return (await created.json()) as CreatedBook;
};

/** Changes a book behind the page's back, as another tab or person would. */
export const patchBook = async (
  request: APIRequestContext,
  reader: Reader,
  id: string,
  changes: Partial<BookInput>,
): Promise<void> => {
  const patched = await request.patch(`${API_URL}/api/books/${id}`, {
    headers: await authorization(request, reader),
    data: changes,
  });
  expect(patched.status()).toBe(200);
};

/** A word nobody else's data contains, to find a test's own books. */
export const uniqueWord = (prefix: string): string =>
  `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** A valid ISBN-13 no other test uses (random digits, computed check digit). */
export const uniqueIsbn = (): string => {
  const digits = `978${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    sum += Number(digits.charAt(index)) * (index % 2 === 0 ? 1 : 3);
  }
  return `${digits}${(10 - (sum % 10)) % 10}`;
};
