/**
 * The baseline: bare Express answering the same paths from memory, with no middleware, no auth and no
 * database. The gap between it and Shelf is what Shelf's safety costs.
 */
import express from 'express';

const book = (i: number) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  title: `Book ${i}`,
  author: 'Someone',
  isbn: null,
  published_year: 1990 + i,
  tags: ['classic'],
  owner_id: '00000000-0000-4000-8000-000000000000',
  created_at: new Date(0).toISOString(),
  updated_at: new Date(0).toISOString(),
});
const page = { items: Array.from({ length: 20 }, (_, i) => book(i)), next_cursor: 'x' };

const app = express();
app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});
app.get('/api/books', (_req, res) => {
  res.json(page);
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `listening ${typeof address === 'object' && address !== null ? address.port : ''}\n`,
  );
});
process.once('SIGTERM', () => server.close());
