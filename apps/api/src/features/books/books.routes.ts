import type { Response } from 'express';
import { initServer } from '@ts-rest/express';
import { booksContract } from '@shelf/contracts';
import { requireAuthUser } from '../../http/request-auth-user.js';
import { requestHash } from '../idempotency/request-hash.js';
import * as books from './books.service.js';
import type { BooksReadDeps } from './books.service.js';
import type { VersionedBook } from './books.repository.js';
import { bookETag, isNotModified, parseIfMatch } from './entity-tag.js';

const s = initServer();

/** The book as the body, its version as the ETag header. */
const withETag = (res: Response, { book, version }: VersionedBook) => {
  res.setHeader('ETag', bookETag({ id: book.id, version }));
  return book;
};

/** HTTP adapter of the books feature. */
export const createBooksRouter = (deps: BooksReadDeps) =>
  s.router(booksContract, {
    list: async ({ query, req }) => ({
      status: 200,
      body: await books.listBooks(deps, requireAuthUser(req), query),
    }),

    get: async ({ params, headers, res }) => {
      const found = await books.getBook(deps, params.id);
      const book = withETag(res, found);
      if (
        isNotModified(headers['if-none-match'], bookETag({ id: book.id, version: found.version }))
      ) {
        return { status: 304, body: undefined };
      }
      return { status: 200, body: book };
    },

    create: async ({ body, headers, req, res }) => {
      const key = headers['idempotency-key'];
      const created = await books.createBook(
        deps,
        requireAuthUser(req),
        body,
        key === undefined ? undefined : { key, requestHash: requestHash(req.body) },
      );
      res.setHeader('Location', created.location);
      res.setHeader('ETag', created.etag);
      if (created.isReplay) res.setHeader('Idempotent-Replayed', 'true');
      return { status: 201, body: created.book };
    },

    replace: async ({ params, body, headers, req, res }) => ({
      status: 200,
      body: withETag(
        res,
        await books.replaceBook(
          deps,
          requireAuthUser(req),
          params.id,
          body,
          parseIfMatch(headers['if-match']),
        ),
      ),
    }),

    update: async ({ params, body, headers, req, res }) => ({
      status: 200,
      body: withETag(
        res,
        await books.updateBook(
          deps,
          requireAuthUser(req),
          params.id,
          body,
          parseIfMatch(headers['if-match']),
        ),
      ),
    }),

    delete: async ({ params, headers, req }) => {
      await books.deleteBook(
        deps,
        requireAuthUser(req),
        params.id,
        parseIfMatch(headers['if-match']),
      );
      return { status: 204, body: undefined };
    },
  });
