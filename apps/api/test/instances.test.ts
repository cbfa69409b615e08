import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenResponseSchema } from '@shelf/contracts';
import {
  createUser,
  expectProblem,
  startTestServer,
  TEST_DATABASE_KIND,
  type TestServer,
} from './test-server.js';

let first: TestServer;
let second: TestServer;

beforeAll(async () => {
  first = await startTestServer({ REFRESH_REUSE_GRACE: '0' });
  second = await startTestServer({ REFRESH_REUSE_GRACE: '0', DATABASE_URL: first.databaseUrl });
});
afterAll(async () => {
  await second.close();
  await first.close();
});

describe(`two instances on one ${TEST_DATABASE_KIND} database`, () => {
  it('share accounts, books and sessions: any instance serves any request', async () => {
    const user = await createUser(first);
    const me = await second.request().get('/api/me').set(user.auth);
    expect(me.body).toMatchObject({ id: user.id, username: user.username });

    const created = await first
      .request()
      .post('/api/books')
      .set(user.auth)
      .send({ title: 'Shared', author: 'Both' });
    expect(created.status).toBe(201);
    const fetched = await second
      .request()
      .get(created.headers.location ?? '')
      .set(user.auth);
    expect(fetched.body).toEqual(created.body);
  });

  it('detect refresh token reuse across instances and revoke the session everywhere', async () => {
    const user = await createUser(first);
    const rotated = await second
      .request()
      .post('/auth/refresh')
      .send({ refresh_token: user.refreshToken });
    const successor = TokenResponseSchema.parse(rotated.body).refresh_token;
    await new Promise((resolve) => setTimeout(resolve, 20));

    expectProblem(
      await first.request().post('/auth/refresh').send({ refresh_token: user.refreshToken }),
      401,
      'invalid-refresh-token',
    );
    expectProblem(
      await second.request().post('/auth/refresh').send({ refresh_token: successor }),
      401,
      'invalid-refresh-token',
    );
  });
});
