/**
 * Baseline (a), bare Express: answers each benchmarked request with the bytes Shelf sent for it,
 * captured just before, from memory. No middleware, no auth, no database: the gap between it and
 * Shelf is everything Shelf does per request.
 *
 * Usage: node --import tsx bench/baseline-server.ts <captured.json>  (PORT from the environment)
 */
import { readFileSync } from 'node:fs';
import express from 'express';

/** One response Shelf gave, to be replayed byte for byte. */
export interface CapturedResponse {
  method: 'GET' | 'POST';
  path: string;
  status: number;
  contentType: string;
  bodyBase64: string;
}

const captured = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as CapturedResponse[];

const app = express();
app.disable('x-powered-by');
app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});
for (const response of captured) {
  const body = Buffer.from(response.bodyBase64, 'base64');
  const handler = (_req: express.Request, res: express.Response) => {
    res.status(response.status).type(response.contentType).send(body);
  };
  if (response.method === 'GET') app.get(response.path, handler);
  else app.post(response.path, handler);
}

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close());
