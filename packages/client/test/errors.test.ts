import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShelfClient, ShelfApiError, unwrap } from '../src/index.js';
import { startApi } from './api-server.js';

let api: Awaited<ReturnType<typeof startApi>>;

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

describe('ShelfApiError', () => {
  it('carries an OAuth2 error of /auth/token as its code and detail', async () => {
    const client = createShelfClient({ baseUrl: api.url });
    const refused = unwrap(
      client.auth.token({
        body: { grant_type: 'password', username: 'alice', password: 'not her password' },
      }),
    );
    const error = await refused.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!(error instanceof ShelfApiError))
      throw new Error(`expected a ShelfApiError, got ${String(error)}`);
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_grant');
    expect(error.detail).toMatch(/\S/);
    expect(error.detail).not.toContain('without a problem body');
  });

  it('carries a problem+json body as is', async () => {
    const client = createShelfClient({ baseUrl: api.url });
    await client.auth.login('alice', 'secret123');
    const missing = await unwrap(
      client.books.get({ params: { id: '7b0c2a34-0000-4000-8000-000000000000' } }),
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!(missing instanceof ShelfApiError))
      throw new Error(`expected a ShelfApiError, got ${String(missing)}`);
    expect(missing.status).toBe(404);
    expect(missing.code).toBe('book-not-found');
  });
});
