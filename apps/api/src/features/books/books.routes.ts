import { initServer } from '@ts-rest/express';
import { booksContract } from '@shelf/contracts';
import { requireAuthUser } from '../auth/auth-user.js';
import * as books from './books.service.js';
import type { BooksReadDeps } from './books.service.js';

const s = initServer();

/** HTTP adapter of the books feature. */
export const createBooksRouter = (deps: BooksReadDeps) =>
  s.router(booksContract, {
    list: async ({ query }) => ({ status: 200, body: await books.listBooks(deps, query) }),

    get: async ({ params }) => ({ status: 200, body: await books.getBook(deps, params.id) }),

    create: async ({ body, req, res }) => {
      const book = await books.createBook(deps, requireAuthUser(req), body);
      res.setHeader('Location', `/api/books/${book.id}`);
      return { status: 201, body: book };
    },

    replace: async ({ params, body, req }) => ({
      status: 200,
      body: await books.replaceBook(deps, requireAuthUser(req), params.id, body),
    }),

    update: async ({ params, body, req }) => ({
      status: 200,
      body: await books.updateBook(deps, requireAuthUser(req), params.id, body),
    }),

    delete: async ({ params, req }) => {
      await books.deleteBook(deps, requireAuthUser(req), params.id);
      return { status: 204, body: undefined };
    },
  });
