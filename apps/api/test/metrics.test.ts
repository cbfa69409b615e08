import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';
import {
  createUser,
  expectProblem,
  startTestServer,
  TEST_DATABASE_KIND,
  TEST_JWT_SECRET,
  type TestServer,
} from './test-server.js';

const TOKEN = 'metrics-token-for-tests-0123456789';
const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

/** The value of one sample line, e.g. `http_request_duration_seconds_count{route="/api/books",...}`. */
const sampleValue = (body: string, sample: string): number | undefined => {
  const line = body.split('\n').find((candidate) => candidate.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
};

describe('GET /metrics when METRICS_ENABLED is not set', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers 404 like any unknown route', async () => {
    const response = await server.request().get('/metrics');
    expect(expectProblem(response, 404, 'route-not-found').detail).toBe(
      'No route for GET /metrics',
    );
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ METRICS_ENABLED: 'true', METRICS_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a request without the token with a 401 problem and a Bearer challenge', async () => {
    const response = await server.request().get('/metrics');
    expectProblem(response, 401, 'unauthenticated');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="shelf"');
    expect(response.text).not.toContain('http_request_duration_seconds');
  });

  it('refuses a wrong token, a token prefix, and the token sent as Basic credentials', async () => {
    for (const authorization of [
      'Bearer not-the-metrics-token-at-all-00',
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Basic ${Buffer.from(`metrics:${TOKEN}`).toString('base64')}`,
    ]) {
      const response = await server.request().get('/metrics').set('Authorization', authorization);
      expectProblem(response, 401, 'invalid-token');
      expect(response.headers['www-authenticate']).toBe(
        'Bearer realm="shelf", error="invalid_token"',
      );
    }
  });

  it('exports request durations by contract route, method and status, never by raw URL', async () => {
    const user = await createUser(server);
    await server.request().get('/api/books?limit=20').set(user.auth).expect(200);
    const missing = '7b0c2a34-0000-4000-8000-000000000000';
    await server.request().get(`/api/books/${missing}`).set(user.auth).expect(404);
    await server.request().get('/no/such/route').expect(404);

    const response = await server.request().get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(PROMETHEUS_TEXT);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.text;
    expect(body).toContain('# TYPE http_request_duration_seconds histogram');
    expect(
      sampleValue(
        body,
        'http_request_duration_seconds_count{route="/api/books",method="GET",status_code="200"}',
      ),
    ).toBe(1);
    expect(
      sampleValue(
        body,
        'http_request_duration_seconds_bucket{le="+Inf",route="/api/books",method="GET",status_code="200"}',
      ),
    ).toBe(1);
    expect(
      sampleValue(
        body,
        'http_request_duration_seconds_count{route="/api/books/:id",method="GET",status_code="404"}',
      ),
    ).toBe(1);
    expect(
      sampleValue(
        body,
        'http_request_duration_seconds_count{route="unmatched",method="GET",status_code="404"}',
      ),
    ).toBe(1);
    expect(body).not.toContain(missing);
    expect(body).not.toContain('/no/such/route');
  });

  it('exports event-loop delay, process memory and the database query histogram', async () => {
    const response = await server.request().get('/metrics').set('Authorization', `bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    const body = response.text;
    for (const gauge of [
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_eventloop_lag_max_seconds',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(body).toContain(`# TYPE ${gauge} gauge`);
      expect(sampleValue(body, gauge)).toBeGreaterThanOrEqual(0);
    }
    expect(sampleValue(body, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(body).toContain('# TYPE shelf_db_query_duration_seconds histogram');
  });
});

describe('GET /metrics without METRICS_TOKEN outside production', () => {
  it('answers anyone', async () => {
    const server = await startTestServer({ METRICS_ENABLED: 'true' });
    try {
      const response = await server.request().get('/metrics');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe(PROMETHEUS_TEXT);
      expect(response.text).toContain('# TYPE http_request_duration_seconds histogram');
    } finally {
      await server.close();
    }
  });
});

describe(`database metrics (${TEST_DATABASE_KIND})`, () => {
  let server: TestServer;
  const scrape = () => server.request().get('/metrics').set('Authorization', `Bearer ${TOKEN}`);

  beforeAll(async () => {
    server = await startTestServer({ METRICS_ENABLED: 'true', METRICS_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await server.close();
  });

  it('times every query the database runs', async () => {
    const user = await createUser(server, 'timed');
    // The first request of a token also reads its user's token version; count pages only.
    await server.request().get('/api/me').set(user.auth).expect(200);
    const before = await scrape();
    const selectsBefore =
      sampleValue(
        before.text,
        'shelf_db_query_duration_seconds_count{operation="select",outcome="ok"}',
      ) ?? 0;
    await server.request().get('/api/books').set(user.auth).expect(200);
    await server.request().get('/api/books').query({ sort: 'title' }).set(user.auth).expect(200);
    const response = await scrape();
    expect(response.status).toBe(200);
    const selects = sampleValue(
      response.text,
      'shelf_db_query_duration_seconds_count{operation="select",outcome="ok"}',
    );
    expect(selects).toBe(selectsBefore + 2);
    expect(
      sampleValue(
        response.text,
        'shelf_db_query_duration_seconds_bucket{le="5",operation="select",outcome="ok"}',
      ),
    ).toBe(selects);
    expect(
      sampleValue(
        response.text,
        'shelf_db_query_duration_seconds_count{operation="insert",outcome="ok"}',
      ),
    ).toBeGreaterThanOrEqual(1);
  });

  it(`exports the connection pool gauges on PostgreSQL only`, async () => {
    const response = await scrape();
    if (TEST_DATABASE_KIND === 'sqlite') {
      expect(response.text).not.toContain('shelf_db_pool_');
      return;
    }
    expect(sampleValue(response.text, 'shelf_db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(response.text, 'shelf_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(response.text, 'shelf_db_pool_waiting_clients')).toBe(0);
  });
});

describe('metrics configuration', () => {
  it('refuses METRICS_ENABLED without METRICS_TOKEN in production, naming the variable', () => {
    try {
      parseConfig({ NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, METRICS_ENABLED: 'true' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^METRICS_TOKEN: required in production when METRICS_ENABLED=true/),
      ]);
    }
  });

  it('accepts metrics in production with a token, and keeps them off by default', () => {
    const production = parseConfig({
      NODE_ENV: 'production',
      JWT_SECRET: TEST_JWT_SECRET,
      METRICS_ENABLED: 'true',
      METRICS_TOKEN: TOKEN,
    });
    expect(production.metrics).toEqual({ isEnabled: true, token: TOKEN });
    expect(parseConfig({}).metrics).toEqual({ isEnabled: false });
  });

  it('refuses a METRICS_TOKEN shorter than 16 characters', () => {
    expect(() => parseConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});
