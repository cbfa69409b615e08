import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '@shelf/api';
import { runContractTour } from '../src/index.js';
import { startApi } from './api-server.js';

type Api = Awaited<ReturnType<typeof startApi>>;

const tour = async (options: Omit<Parameters<typeof runContractTour>[0], 'print'>) => {
  const lines: string[] = [];
  const report = await runContractTour({ ...options, print: (line) => lines.push(line) });
  return { report, lines, output: lines.join('\n') };
};

describe('the contract tour against a fresh in-process Shelf', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ SEED_DEMO_DATA: 'true' });
  });
  afterAll(() => api.stop());

  it('passes every check with throwaway accounts and closes with "N passed, 0 failed"', async () => {
    const { report, lines, output } = await tour({ baseUrl: api.url });
    expect(report.failed, output).toBe(0);
    expect(report.passed).toBeGreaterThan(50);
    // Throwaway accounts are never admins: user management is checked for its 403s only.
    expect(report.skipped).toEqual([
      'users list, create, get, update and delete: needs an admin: pass --username and --password of one',
    ]);
    expect(lines.at(-1)).toBe(`${report.passed} passed, 0 failed`);
  });

  it('leaves nothing behind: no tour book stays in the catalogue', async () => {
    const [alice] = DEMO_USERS;
    await tour({ baseUrl: api.url, credentials: alice });
    const basic = Buffer.from(`${alice.username}:${alice.password}`).toString('base64');
    const response = await fetch(`${api.url}/api/books?q=contract-tour&limit=100`, {
      headers: { Authorization: `Basic ${basic}` },
    });
    expect(await response.json()).toEqual({ items: [], next_cursor: null });
  });

  it('tours user management as an admin, and leaves no tour user behind', async () => {
    const [alice] = DEMO_USERS;
    const { report, output } = await tour({ baseUrl: api.url, credentials: alice });
    expect(report.failed, output).toBe(0);
    expect(report.skipped).toEqual([]);
    expect(output).toMatch(/POST \/api\/users → 201 creates a user/);
    expect(output).toMatch(/DELETE \/api\/users\/[\w-]+ → 204 deletes the user/);
    const basic = Buffer.from(`${alice.username}:${alice.password}`).toString('base64');
    const response = await fetch(`${api.url}/api/users?q=tour_user&limit=100`, {
      headers: { Authorization: `Basic ${basic}` },
    });
    expect(await response.json()).toEqual({ items: [], next_cursor: null });
  });
});

describe('the contract tour where registration is disabled', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ SEED_DEMO_DATA: 'true', ALLOW_REGISTRATION: 'false' });
  });
  afterAll(() => api.stop());

  it('tours as the account given, and says which checks it could not make', async () => {
    const [, bob] = DEMO_USERS;
    const { report, output } = await tour({ baseUrl: api.url, credentials: bob });
    expect(report.failed, output).toBe(0);
    expect(report.skipped.join('\n')).toMatch(/403 not-book-owner: needs a second account/);
    expect(output).toMatch(/POST \/auth\/register → 201\|403 registers a throwaway account/);
  });

  it('fails, saying what to pass, without credentials', async () => {
    const { report, output } = await tour({ baseUrl: api.url });
    expect(report.failed).toBe(1);
    expect(output).toMatch(/pass --username and --password/);
  });
});

describe('the contract tour against a server that drifted from the contract', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('X-Request-Id', 'r1');
      res.end(JSON.stringify({ status: 'fine' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = typeof address === 'object' && address !== null ? `http://127.0.0.1:${address.port}` : '';
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('reports each violation and a non-zero failure count', async () => {
    const { report, lines } = await tour({ baseUrl: url });
    expect(report.failed).toBeGreaterThan(0);
    expect(lines).toContain('  ✗ GET /health → 200 the process is live');
    expect(lines.join('\n')).toMatch(/body does not match the contract/);
    expect(lines.at(-1)).toBe(`${report.passed} passed, ${report.failed} failed`);
  });
});
