import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenResponseSchema } from '@shelf/contracts';
import {
  closeServers,
  createUser,
  expectProblem,
  startTwoInstances,
  TEST_DATABASE_KIND,
  type TestServer,
} from './test-server.js';

let first: TestServer;
let second: TestServer;

const LIMIT = 6;

beforeAll(async () => {
  [first, second] = await startTwoInstances({
    REFRESH_REUSE_GRACE: '0',
    LOGIN_RATE_LIMIT: String(LIMIT),
    TRUST_PROXY: '1',
  });
});
afterAll(async () => {
  await closeServers(first, second);
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
    // With no grace window, any later use is reuse: `first` sees it 20 ms after the rotation.
    first.clock.advance(20);

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

  it(
    TEST_DATABASE_KIND === 'postgres'
      ? 'count credential attempts together: the limit holds across instances'
      : 'count credential attempts per instance on SQLite (one machine, one process)',
    async () => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < LIMIT + 1; attempt++) {
        const instance = attempt % 2 === 0 ? first : second;
        const response = await instance
          .request()
          .post('/auth/login')
          .set('X-Forwarded-For', '203.0.113.9')
          .send({ username: 'shared-victim', password: `guess-${attempt}` });
        statuses.push(response.status);
      }
      const expected = Array.from({ length: LIMIT + 1 }, (_, attempt) =>
        TEST_DATABASE_KIND === 'postgres' && attempt === LIMIT ? 429 : 401,
      );
      expect(statuses).toEqual(expected);
    },
  );
});
