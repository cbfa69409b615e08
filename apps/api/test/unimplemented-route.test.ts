import { describe, expect, it, vi } from 'vitest';
import type * as BooksRoutes from '../src/features/books/books.routes.js';
import { startTestServer } from './test-server.js';

// The books router as someone left it mid-change: the contract declares GET /api/books/:id, the
// implementation forgot it. TypeScript catches that; `tsx watch` (`pnpm dev`) does not type-check.
vi.mock('../src/features/books/books.routes.js', async (importOriginal) => {
  const original = await importOriginal<typeof BooksRoutes>();
  return {
    ...original,
    createBooksRouter: (...args: Parameters<typeof original.createBooksRouter>) => {
      const { get, ...rest } = original.createBooksRouter(...args);
      return rest;
    },
  };
});

describe('start-up', () => {
  it('refuses a contract route that has no implementation, naming the route', async () => {
    await expect(startTestServer()).rejects.toThrow(
      'Contract route books.get (GET /api/books/:id) has no implementation',
    );
  });
});
