import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createUser, expectProblem, startTestServer, type TestServer } from './test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('health', () => {
  it('GET /health answers 200 ok without credentials', async () => {
    const response = await server.request().get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('GET /health/ready answers 200 while the database answers, 503 once it is gone', async () => {
    const own = await startTestServer();
    try {
      const ready = await own.request().get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ok' });
      await own.db.destroy();
      const down = await own.request().get('/health/ready');
      expectProblem(down, 503, 'database-unavailable');
    } finally {
      await own.close().catch(() => undefined);
    }
  });
});

describe('request ids', () => {
  it('echoes a sane X-Request-Id', async () => {
    const response = await server.request().get('/health').set('X-Request-Id', 'trace-123.abc');
    expect(response.headers['x-request-id']).toBe('trace-123.abc');
  });

  it('replaces an unsafe X-Request-Id with a generated UUID', async () => {
    const response = await server
      .request()
      .get('/health')
      .set('X-Request-Id', 'bad id\u00e9'.repeat(20));
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is present on errors too', async () => {
    const response = await server.request().get('/api/me');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('errors', () => {
  it('answers an unknown route with a 404 problem', async () => {
    const response = await server.request().get('/no/such/route');
    expect(expectProblem(response, 404, 'route-not-found').detail).toBe(
      'No route for GET /no/such/route',
    );
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const response = await server.request().delete('/api/books');
    expect(expectProblem(response, 405, 'method-not-allowed').detail).toBe(
      'DELETE is not allowed on /api/books; use GET, HEAD, POST',
    );
    expect(response.headers.allow).toBe('GET, HEAD, POST');
    const item = await server.request().post('/api/books/7b0c2a34-0000-4000-8000-000000000000');
    expect(item.headers.allow).toBe('GET, HEAD, PUT, PATCH, DELETE');
  });

  it('never leaks a stack trace or server details', async () => {
    const response = await server.request().get('/api/books/%E0%A4%A');
    expect(response.status).toBeLessThan(500);
    expect(response.text).not.toMatch(/at \w+ \(/);
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});

describe('hostile input', () => {
  const cases: [
    string,
    () => Promise<{ status: number; headers: Record<string, string>; body: unknown }>,
    number,
    string,
  ][] = [
    [
      'a body that claims gzip but is not',
      () =>
        server
          .request()
          .post('/auth/login')
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', 'gzip')
          .send('not gzip'),
      400,
      'bad-request',
    ],
    [
      'an unsupported charset',
      () =>
        server
          .request()
          .post('/auth/login')
          .set('Content-Type', 'application/json; charset=latin1')
          .send('{}'),
      415,
      'unsupported-encoding',
    ],
    [
      'an operator object instead of a username',
      () =>
        server
          .request()
          .post('/auth/login')
          .send({ username: { $ne: '' }, password: 'x' }),
      400,
      'validation-failed',
    ],
    [
      'a JSON null body',
      () => server.request().post('/auth/login').type('application/json').send('null'),
      400,
      'malformed-body',
    ],
    [
      'a refresh token in an array',
      () =>
        server
          .request()
          .post('/auth/refresh')
          .send({ refresh_token: ['a'] }),
      400,
      'validation-failed',
    ],
    [
      'a broken cookie',
      () => server.request().post('/auth/refresh').set('Cookie', 'shelf_refresh_token=%E0%A4%A'),
      401,
      'invalid-refresh-token',
    ],
  ];

  it.each(cases)('answers %s with a clear 4xx problem', async (_name, send, status, code) => {
    const response = await send();
    expectProblem(response, status, code);
  });
});

describe('CORS', () => {
  const allowed = 'http://localhost:5173';

  it('allows a preflight from a listed origin, with credentials', async () => {
    const response = await server
      .request()
      .options('/api/books')
      .set('Origin', allowed)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(allowed);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(response.headers['access-control-allow-methods']).toContain('POST');
    expect(response.headers['access-control-allow-headers']).toBe('authorization,content-type');
    expect(response.headers.vary).toContain('Origin');
  });

  it('gives a listed origin the exposed headers on real responses', async () => {
    const response = await server.request().get('/health').set('Origin', allowed);
    expect(response.headers['access-control-allow-origin']).toBe(allowed);
    expect(response.headers['access-control-expose-headers']).toBe(
      'Location,ETag,Idempotent-Replayed,X-Request-Id,Retry-After,RateLimit-Limit,RateLimit-Remaining,RateLimit-Reset,WWW-Authenticate',
    );
  });

  it('refuses an origin that is not listed: no Access-Control-Allow-Origin at all', async () => {
    const preflight = await server
      .request()
      .options('/api/books')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const simple = await server.request().get('/health').set('Origin', 'https://evil.example');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('API documentation', () => {
  it('serves an OpenAPI document covering every operation with security and problem responses', async () => {
    const response = await server.request().get('/openapi.json');
    expect(response.status).toBe(200);
    const document = response.body as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            summary?: string;
            description?: string;
            security?: unknown[];
            responses: Record<string, { content?: Record<string, unknown> }>;
          }
        >
      >;
      components: {
        securitySchemes: Record<
          string,
          { type: string; flows?: { password?: { tokenUrl: string } } }
        >;
      };
    };
    expect(document.openapi).toMatch(/^3\./);
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        id: `${method.toUpperCase()} ${path}`,
        ...operation,
      })),
    );
    expect(operations.map((operation) => operation.id).sort()).toEqual(
      [
        'DELETE /api/books/{id}',
        'DELETE /api/me',
        'DELETE /api/users/{id}',
        'GET /api/books',
        'GET /api/books/{id}',
        'GET /api/me',
        'GET /api/tags',
        'GET /api/users',
        'GET /api/users/{id}',
        'PATCH /api/users/{id}',
        'POST /api/users',
        'GET /health',
        'GET /health/ready',
        'PATCH /api/books/{id}',
        'POST /api/books',
        'POST /api/me/email',
        'POST /api/me/password',
        'POST /auth/email/confirm',
        'POST /auth/login',
        'POST /auth/password-reset',
        'POST /auth/password-reset/confirm',
        'POST /auth/logout',
        'POST /auth/refresh',
        'POST /auth/register',
        'POST /auth/token',
        'PUT /api/books/{id}',
      ].sort(),
    );
    for (const operation of operations) {
      expect(operation.summary, operation.id).toBeTruthy();
      expect(operation.description, operation.id).toBeTruthy();
      expect(operation.security, operation.id).toBeDefined();
      // RFC 6749 §5.2: the token endpoint's errors are plain JSON for OAuth2 client libraries.
      const errorType =
        operation.id === 'POST /auth/token' ? 'application/json' : 'application/problem+json';
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400)
          expect(Object.keys(response.content ?? {}), `${operation.id} ${status}`).toEqual([
            errorType,
          ]);
      }
    }
    const byId = Object.fromEntries(operations.map((operation) => [operation.id, operation]));
    expect(byId['GET /health']?.security).toEqual([]);
    expect(byId['GET /api/books']?.security).toEqual([
      { bearerAuth: [] },
      { basicAuth: [] },
      { oauth2: [] },
    ]);
    expect(byId['GET /api/books']?.responses).toHaveProperty('401');
    expect(document.components.securitySchemes.oauth2?.flows?.password?.tokenUrl).toBe(
      '/auth/token',
    );
  });

  it('serves the committed document, packages/contracts/openapi.json, unchanged', async () => {
    const response = await server.request().get('/openapi.json');
    const committed: unknown = JSON.parse(
      readFileSync(new URL('../../../packages/contracts/openapi.json', import.meta.url), 'utf8'),
    );
    expect(response.body).toEqual(committed);
  });

  it('documents a malformed book id as a UUID, and answers it 404, not 400 or 500', async () => {
    const document = (await server.request().get('/openapi.json')).body as {
      paths: Record<string, Record<string, { parameters: { name: string; schema: unknown }[] }>>;
    };
    const id = document.paths['/api/books/{id}']?.get?.parameters.find(
      (parameter) => parameter.name === 'id',
    );
    expect(id?.schema).toMatchObject({ type: 'string', format: 'uuid' });
    const user = await createUser(server, 'docsid');
    for (const malformed of ['not-a-uuid', '7b0c2a34-0000-4000-8000-00000000000Z', 'x'.repeat(300)])
      expectProblem(
        await server.request().get(`/api/books/${malformed}`).set(user.auth),
        404,
        'book-not-found',
      );
  });

  it('serves Swagger UI and its assets from this server', async () => {
    const page = await server.request().get('/docs/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('swagger-ui');
    const scripts = [...page.text.matchAll(/src="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src.startsWith('http')).toBe(false);
      const asset = await server.request().get(`/docs/${src.replace(/^\.\//, '')}`);
      expect(asset.status, src).toBe(200);
    }
  });

  it('tells Swagger UI not to persist authorization, and adds no script that uses Web Storage', async () => {
    const page = await server.request().get('/docs/');
    const init = await server.request().get('/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    const settings = [...init.text.matchAll(/"persistAuthorization":\s*(\w+)/g)].map(
      (match) => match[1],
    );
    expect(settings).toEqual(['false']);
    for (const served of [page.text, init.text]) {
      expect(served).not.toMatch(/localStorage|sessionStorage/);
    }
  });
});
