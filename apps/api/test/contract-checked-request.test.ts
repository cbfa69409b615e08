import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractCheckedRequest } from './contract-checked-request.js';

/** A server that has drifted from the contract: /health answers 200 with an undeclared body. */
const startDriftedServer = async (): Promise<{ server: Server; url: string }> => {
  const server = createServer((req, res) => {
    res.setHeader('X-Request-Id', 'r1');
    res.setHeader('Content-Type', 'application/json');
    res.statusCode = req.url === '/health/ready' ? 202 : 200;
    res.end(JSON.stringify({ status: 'fine' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return { server, url: `http://127.0.0.1:${address.port}` };
};

describe('every response the component suites receive is checked against the contract', () => {
  let drifted: Awaited<ReturnType<typeof startDriftedServer>>;
  beforeAll(async () => {
    drifted = await startDriftedServer();
  });
  afterAll(() => new Promise((resolve) => drifted.server.close(resolve)));

  it('fails a test whose response body the contract does not declare', async () => {
    await expect(contractCheckedRequest(drifted.url).get('/health')).rejects.toThrow(
      /GET \/health → 200 does not conform to the contract \(health\.live\):\n {2}- body does not match/,
    );
  });

  it('fails a test whose response status the contract does not declare', async () => {
    await expect(contractCheckedRequest(drifted.url).get('/health/ready')).rejects.toThrow(
      /status 202 is not declared/,
    );
  });

  it('leaves paths outside the contract alone unless they answer with a problem', async () => {
    const response = await contractCheckedRequest(drifted.url).get('/openapi.json');
    expect(response.status).toBe(200);
  });
});
