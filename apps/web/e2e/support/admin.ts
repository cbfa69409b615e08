import { expect, type APIRequestContext } from '@playwright/test';
import { API_URL } from '../../playwright.config.js';
import { loginToken, type Reader } from './api.js';

/** Gives a reader an email address directly, as an admin may (no confirmation link). */
export const setEmail = async (
  request: APIRequestContext,
  reader: Reader,
  email: string,
): Promise<void> => {
  const me = await request.get(`${API_URL}/api/me`, {
    headers: {
      authorization: `Bearer ${await loginToken(request, reader.username, reader.password)}`,
    },
  });
  expect(me.status()).toBe(200);
  const { id } = (await me.json()) as { id: string };
  const admin = await loginToken(request, 'alice', 'secret123');
  const patched = await request.patch(`${API_URL}/api/users/${id}`, {
    headers: { authorization: `Bearer ${admin}` },
    data: { email },
  });
  expect(patched.status()).toBe(200);
};
