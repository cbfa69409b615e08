import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { startTestApi, type TestApi } from '../src/testing/index.js';

const lines: string[] = [];
let running: TestApi;

beforeAll(async () => {
  running = await startTestApi({
    env: { LOG_LEVEL: 'info' },
    logger: createLogger('info', { write: (line: string) => lines.push(line) }),
  });
});
afterAll(async () => {
  await running.stop();
});

describe('request logs', () => {
  it('are JSON lines with the request id, and never hold passwords or tokens', async () => {
    const api = () => supertest(running.url);
    const login = await api()
      .post('/auth/login')
      .send({ username: 'alice', password: 'secret123' })
      .expect(200);
    const { access_token: accessToken, refresh_token: refreshToken } = login.body as Record<
      string,
      string
    >;
    await api()
      .get('/api/me')
      .set('Authorization', `Bearer ${accessToken}`)
      .set('X-Request-Id', 'log-check-1')
      .expect(200);
    await api().get('/api/me').auth('bob', 'secret456').expect(200);
    await api().post('/auth/refresh').send({ refresh_token: refreshToken }).expect(200);
    await api()
      .post('/auth/login')
      .send({ username: 'alice', password: 'a-wrong-password' })
      .expect(401);

    const entries = lines.map(
      (line) =>
        JSON.parse(line) as {
          level: number;
          msg: string;
          req?: { id?: string; method?: string; url?: string };
          res?: { statusCode?: number };
          responseTime?: number;
        },
    );
    const requests = entries.filter((entry) => entry.req !== undefined);
    expect(requests.length).toBeGreaterThanOrEqual(5);
    const traced = requests.find((entry) => entry.req?.id === 'log-check-1');
    expect(traced).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'log-check-1', method: 'GET', url: '/api/me' },
      res: { statusCode: 200 },
    });
    expect(traced?.responseTime).toBeGreaterThanOrEqual(0);
    const refused = requests.find((entry) => entry.res?.statusCode === 401);
    expect(refused).toMatchObject({ level: 40, req: { method: 'POST', url: '/auth/login' } });

    const everything = lines.join('\n');
    for (const secret of [
      'secret123',
      'secret456',
      'a-wrong-password',
      accessToken,
      refreshToken,
      'Basic ',
      'Bearer ',
    ]) {
      expect(everything).not.toContain(secret);
    }
  });
});
