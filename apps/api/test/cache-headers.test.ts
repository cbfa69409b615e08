import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  expectProblem,
  startTestServer,
  type TestServer,
  type TestUser,
} from './test-server.js';

const ALLOWED_ORIGIN = 'http://localhost:5173';
const OTHER_ORIGIN = 'https://evil.example';
const MISSING_BOOK = '7b0c2a34-0000-4000-8000-000000000000';

let server: TestServer;
let user: TestUser;

beforeAll(async () => {
  server = await startTestServer({ CORS_ORIGINS: ALLOWED_ORIGIN });
  user = await createUser(server, 'cache');
});
afterAll(async () => {
  await server.close();
});

/** The field names a Vary header lists, as written. */
const varyOf = (response: { headers: Record<string, string | undefined> }): string[] =>
  (response.headers.vary ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');

describe('Vary: Origin', () => {
  const origins: [string, string | undefined][] = [
    ['a listed origin', ALLOWED_ORIGIN],
    ['an origin not listed', OTHER_ORIGIN],
    ['no origin', undefined],
  ];
  const withOrigin = <T extends { set(name: string, value: string): T }>(
    request: T,
    origin: string | undefined,
  ): T => (origin === undefined ? request : request.set('Origin', origin));

  it.each(origins)('is on a successful response to %s', async (_name, origin) => {
    const response = await withOrigin(server.request().get('/health'), origin);
    expect(response.status).toBe(200);
    expect(varyOf(response)).toEqual(['Origin']);
    expect(response.headers['access-control-allow-origin']).toBe(
      origin === ALLOWED_ORIGIN ? ALLOWED_ORIGIN : undefined,
    );
  });

  it.each(origins)('is on an authenticated response to %s', async (_name, origin) => {
    const response = await withOrigin(server.request().get('/api/books').set(user.auth), origin);
    expect(response.status).toBe(200);
    expect(varyOf(response)).toEqual(['Origin']);
  });

  it.each(origins)('is on a 401 to %s', async (_name, origin) => {
    const response = await withOrigin(server.request().get('/api/books'), origin);
    expectProblem(response, 401, 'unauthenticated');
    expect(varyOf(response)).toEqual(['Origin']);
  });

  it.each(origins)('is on a 404 for an unknown route to %s', async (_name, origin) => {
    const response = await withOrigin(server.request().get('/no/such/route'), origin);
    expectProblem(response, 404, 'route-not-found');
    expect(varyOf(response)).toEqual(['Origin']);
  });

  it.each(origins)('is on the API documentation served to %s', async (_name, origin) => {
    const document = await withOrigin(server.request().get('/openapi.json'), origin);
    expect(document.status).toBe(200);
    expect(varyOf(document)).toEqual(['Origin']);
    const page = await withOrigin(server.request().get('/docs/'), origin);
    expect(page.status).toBe(200);
    expect(varyOf(page)).toEqual(['Origin']);
  });

  it('is on a preflight from a listed origin and from one not listed', async () => {
    const preflight = (origin: string) =>
      server
        .request()
        .options('/api/books')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST');
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(varyOf(allowed)).toContain('Origin');
    const refused = await preflight(OTHER_ORIGIN);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect(varyOf(refused)).toEqual(['Origin']);
  });
});

describe('Cache-Control', () => {
  it('marks the authenticated book list private, to revalidate before each use', async () => {
    const response = await server.request().get('/api/books').set(user.auth);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-cache');
  });

  it('marks a book private, to revalidate with its ETag, and its 304 alike', async () => {
    const created = await server
      .request()
      .post('/api/books')
      .set(user.auth)
      .send({ title: 'Cached', author: 'A. Writer' });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const book = await server.request().get(`/api/books/${id}`).set(user.auth);
    expect(book.status).toBe(200);
    expect(book.headers['cache-control']).toBe('private, no-cache');
    const etag = book.headers.etag;
    expect(etag).toMatch(/^"[^"]+"$/);
    const revalidated = await server
      .request()
      .get(`/api/books/${id}`)
      .set(user.auth)
      .set('If-None-Match', etag ?? '');
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers['cache-control']).toBe('private, no-cache');
  });

  it('lets no cache store GET /api/me', async () => {
    const response = await server.request().get('/api/me').set(user.auth);
    expect(response.status).toBe(200);
    expect((response.body as { username: string }).username).toBe(user.username);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('lets no cache store errors on those routes', async () => {
    const anonymousList = await server.request().get('/api/books');
    expectProblem(anonymousList, 401, 'unauthenticated');
    expect(anonymousList.headers['cache-control']).toBe('no-store');
    const badToken = await server
      .request()
      .get('/api/me')
      .set('Authorization', 'Bearer not-a-token');
    expectProblem(badToken, 401, 'invalid-token');
    expect(badToken.headers['cache-control']).toBe('no-store');
    const missing = await server.request().get(`/api/books/${MISSING_BOOK}`).set(user.auth);
    expectProblem(missing, 404, 'book-not-found');
    expect(missing.headers['cache-control']).toBe('no-store');
    const invalidQuery = await server.request().get('/api/books?limit=0').set(user.auth);
    expectProblem(invalidQuery, 400, 'validation-failed');
    expect(invalidQuery.headers['cache-control']).toBe('no-store');
  });

  it('leaves public routes to HTTP defaults: nothing private about the health probes', async () => {
    for (const path of ['/health', '/health/ready']) {
      const response = await server.request().get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers['cache-control'], path).toBeUndefined();
    }
  });

  it('keeps token responses no-store, as before', async () => {
    const response = await server
      .request()
      .post('/auth/login')
      .send({ username: user.username, password: user.password });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
