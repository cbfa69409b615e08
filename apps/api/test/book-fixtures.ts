import { expect } from 'vitest';
import { BookSchema, type Book } from '@shelf/contracts';
import {
  createUser,
  loginAs,
  startTestServer,
  type TestServer,
  type TestUser,
} from './test-server.js';

/** The admin account start-up creates on a server started by `startBooksServer`. */
const ROOT = { username: 'root', password: 'admin password' };

export interface BooksServer {
  server: TestServer;
  /** The Authorization header of the admin created at start-up from ADMIN_USERNAME/ADMIN_PASSWORD. */
  admin: { Authorization: string };
  /** Two registered, logged-in users: the owner of the books a test creates, and another. */
  users: [TestUser, TestUser];
}

/**
 * A test server for the book suites: its start-up creates an admin (ADMIN_USERNAME/ADMIN_PASSWORD),
 * logged in here, and two users are registered and logged in, named after `ownerPrefix` and
 * `otherPrefix`.
 */
export const startBooksServer = async (
  ownerPrefix: string,
  otherPrefix: string,
): Promise<BooksServer> => {
  const server = await startTestServer({
    ADMIN_USERNAME: ROOT.username,
    ADMIN_PASSWORD: ROOT.password,
  });
  const owner = await createUser(server, ownerPrefix);
  const other = await createUser(server, otherPrefix);
  const admin = await loginAs(server, ROOT.username, ROOT.password);
  return { server, admin, users: [owner, other] };
};

/**
 * POST /api/books as `user`: asserts a 201 (showing the body when not) and returns the book, parsed
 * strictly (no undeclared field), with its ETag.
 */
export const postBook = async (
  server: TestServer,
  user: { auth: { Authorization: string } },
  body: Record<string, unknown>,
): Promise<{ book: Book; etag: string }> => {
  const response = await server.request().post('/api/books').set(user.auth).send(body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { book: BookSchema.strict().parse(response.body), etag: String(response.headers.etag) };
};

/** As `postBook`, the book alone. */
export const createBook = async (
  server: TestServer,
  user: { auth: { Authorization: string } },
  body: Record<string, unknown>,
): Promise<Book> => (await postBook(server, user, body)).book;
