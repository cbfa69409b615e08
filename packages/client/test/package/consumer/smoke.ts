/**
 * What a consumer of the published packages writes: copied into a project outside the workspace
 * that installs the packed tarballs, type-checked there, and run against a real Shelf API.
 */
import { readFileSync } from 'node:fs';
import {
  createShelfClient,
  ShelfApiError,
  unwrap,
  type Book,
  type ShelfClient,
} from '@shelf/client';
import { BookSchema, CreateBookBodySchema, contract } from '@shelf/contracts';
import { createOpenApiDocument } from '@shelf/contracts/openapi';

/** True only for `any`: the published declarations must carry real types, not `any`. */
type IsAny<T> = 0 extends 1 & T ? true : false;
const realTypes: [IsAny<Book>, IsAny<ShelfClient>, IsAny<typeof contract>] = [false, false, false];

const committed: unknown = JSON.parse(
  readFileSync(new URL(import.meta.resolve('@shelf/contracts/openapi.json')), 'utf8'),
);
const committedPaths =
  typeof committed === 'object' && committed !== null && 'paths' in committed
    ? Object.keys(committed.paths ?? {})
    : [];
const generatedPaths = Object.keys(createOpenApiDocument('0.0.0').paths);
if (committedPaths.length === 0 || committedPaths.join() !== generatedPaths.join()) {
  throw new Error('the packed openapi.json does not describe the packed contract');
}

const baseUrl = process.env.SHELF_API_URL;
if (baseUrl === undefined) throw new Error('SHELF_API_URL is not set');

const client = createShelfClient({ baseUrl });

const login = await client.auth.login('alice', 'secret123');
if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.body.detail}`);

const page = await unwrap(client.books.list({ query: { limit: 5 } }));
if (page.items.length === 0) throw new Error('the demo catalogue is empty');

const body = CreateBookBodySchema.parse({
  title: 'The Dispossessed',
  author: 'Ursula K. Le Guin',
  tags: ['sf'],
});
const created: Book = BookSchema.parse(await unwrap(client.books.create({ body })));
const fetched = await unwrap(client.books.get({ params: { id: created.id } }));
if (fetched.title !== body.title) throw new Error(`read back "${fetched.title}"`);

try {
  await unwrap(client.books.get({ params: { id: 'not-a-book' } }));
  throw new Error('a missing book was found');
} catch (error) {
  if (!(error instanceof ShelfApiError) || error.status !== 404) throw error;
}

await client.auth.logout();
process.stdout.write(
  `${JSON.stringify({
    ok: true,
    listed: page.items.length,
    created: created.id,
    routes: Object.keys(contract),
    openApiPaths: committedPaths.length,
    typesChecked: realTypes.length,
  })}\n`,
);
