import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOK_SORTS, BookPageSchema, type Book, type BookSort } from '@shelf/contracts';
import { syntheticBook } from '../bench/synthetic-books.js';
import { newBookId } from '../src/features/books/book-id.js';
import { insertBooks } from '../src/features/books/book-writes.repository.js';
import { compilePageQuery, type BookPageQuery } from '../src/features/books/books.repository.js';
import { searchKey } from '../src/features/books/search-key.js';
import {
  createUser,
  startTestServer,
  TEST_DATABASE_KIND,
  type TestServer,
  type TestUser,
} from './test-server.js';
import { sqliteOnly } from './sqlite-only.js';

/**
 * Every sort with every kind of filter, over a few thousand generated books plus hand-made edge
 * cases, checked page by page against the same list computed in memory.
 */

const GENERATED = 4000;
/** Index offset: keeps these books apart from any other suite's generated books. */
const FIRST_INDEX = 7_000_000;

/**
 * Books whose words make common trigrams on SQLite's text index, in two runs of creation order:
 * 2,100 `Lantern Fernland n` (plus five `Ernlant Keeper`), then 2,100 `Quiet Meadow n`, all tagged
 * `lighthouse` and owned by the searcher. Every trigram of `ernlant` is in each `Lantern Fernland`,
 * the phrase only in the five. A search for any of these is common by its rarest trigrams, so
 * SQLite first walks up to 2,000 books in sort order (books.repository.ts walkWithinBudget; not for
 * an owner's books with a tag), and asks the text index for the exact matches only when that walk
 * holds less than a page.
 */
const commonPhraseBooks = (ownerId: string): Omit<Book, 'owner_username'>[] => {
  const run = (title: (n: number) => string, count: number, startMs: number) =>
    Array.from({ length: count }, (_, n) => {
      const at = new Date(startMs + n * 60_000).toISOString();
      return {
        id: newBookId(),
        title: title(n),
        author: 'Port Keeper',
        isbn: null,
        published_year: 1900 + (n % 120),
        tags: ['lighthouse'],
        owner_id: ownerId,
        created_at: at,
        updated_at: at,
      };
    });
  return [
    ...run((n) => `Lantern Fernland ${n}`, 2100, Date.parse('2019-01-01T00:00:00.000Z')),
    ...run(() => 'Ernlant Keeper', 5, Date.parse('2019-03-01T00:00:00.000Z')),
    ...run((n) => `Quiet Meadow ${n}`, 2100, Date.parse('2019-06-01T00:00:00.000Z')),
  ];
};

let server: TestServer;
let owner: TestUser;
/** Owns about half the generated books: `owner=me` must leave them out for `owner`. */
let rival: TestUser;
/** Every book, as written (the owner's username is not needed to decide a page). */
const catalogue: Omit<Book, 'owner_username'>[] = [];

const SPECIAL_BOOKS = [
  { title: '100% Pure Prose', author: 'Percy Cent' },
  { title: 'snake_case Considered', author: 'Una Derscore' },
  { title: 'Escape \\ Artists', author: 'Back Slash' },
  { title: 'Germinal', author: 'ÉVARISTE GALOIS' },
  { title: 'ÉTUDES DE FEMME', author: 'honoré de balzac' },
  { title: 'The Ωmega Variant', author: 'Σίσυφος Papadopoulos' },
  { title: 'Q', author: 'Zq Single' },
] as const;

beforeAll(async () => {
  server = await startTestServer();
  owner = await createUser(server, 'searcher');
  rival = await createUser(server, 'rival');
  const generated = Array.from({ length: GENERATED }, (_, i) =>
    syntheticBook(FIRST_INDEX + i, [owner.id, rival.id]),
  );
  await insertBooks(server.db, generated);
  catalogue.push(...generated);
  const commonPhrases = commonPhraseBooks(owner.id);
  await insertBooks(server.db, commonPhrases);
  catalogue.push(...commonPhrases);
  for (const [index, special] of SPECIAL_BOOKS.entries()) {
    const response = await server
      .request()
      .post('/api/books')
      .set(owner.auth)
      .send({
        ...special,
        published_year: index % 2 === 0 ? null : 1880 + index,
        tags: ['special'],
      });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    catalogue.push(response.body as Book);
  }
}, 60_000);
afterAll(async () => {
  await server.close();
});

interface Filters {
  q?: string;
  author?: string;
  tag?: string;
  owner?: 'me';
}

const sortKey = (book: Omit<Book, 'owner_username'>, sort: BookSort): string | number => {
  if (sort.endsWith('title')) return searchKey(book.title);
  if (sort.endsWith('published_year')) return book.published_year ?? -1_000_000;
  return book.created_at;
};

const compareKeys = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** What the API should return: the same filters and order, computed in memory. */
const expectedIds = (filters: Filters, sort: BookSort): string[] => {
  const q = filters.q === undefined ? undefined : searchKey(filters.q);
  const author = filters.author === undefined ? undefined : searchKey(filters.author);
  const direction = sort.startsWith('-') ? -1 : 1;
  return catalogue
    .filter(
      (book) =>
        (q === undefined ||
          searchKey(book.title).includes(q) ||
          searchKey(book.author).includes(q)) &&
        (author === undefined || searchKey(book.author).includes(author)) &&
        (filters.tag === undefined || book.tags.includes(filters.tag)) &&
        (filters.owner === undefined || book.owner_id === owner.id),
    )
    .sort(
      (a, b) =>
        direction * (compareKeys(sortKey(a, sort), sortKey(b, sort)) || compareKeys(a.id, b.id)),
    )
    .map((book) => book.id);
};

/** Every page the API gives, following next_cursor, checking each page's shape. */
const listAll = async (filters: Filters, sort: BookSort, limit = 100): Promise<string[]> => {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 200; page++) {
    const response = await server
      .request()
      .get('/api/books')
      .query({ ...filters, sort, limit, ...(cursor === undefined ? {} : { cursor }) })
      .set(owner.auth);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = BookPageSchema.parse(response.body);
    expect(body.items.length).toBeLessThanOrEqual(limit);
    ids.push(...body.items.map((book) => book.id));
    if (body.next_cursor === null) return ids;
    expect(body.items).toHaveLength(limit);
    cursor = body.next_cursor;
  }
  throw new Error('more than 200 pages');
};

/** The queries below that match no book. */
const MISSES = ['garden of the lost river', 'lovelace the', 'lovelace thx', 'ernlante'];

const FILTERS: Record<string, Filters> = {
  'no filter': {},
  'a common q (the index is walked in sort order)': { q: 'the' },
  'a rare q (the text index drives)': { q: 'zola' },
  'a q of two letters': { q: 'ol' },
  'a q of one letter': { q: 'ø' },
  'a q that matches nothing': { q: 'garden of the lost river' },
  'a q of common trigrams that matches nothing': { q: 'lovelace the' },
  'a q with a trigram no book has': { q: 'lovelace thx' },
  'a q and an author, both for the text index': { q: 'garden', author: 'lovelace' },
  'an author': { author: 'murakami' },
  'a common tag': { tag: 'fiction' },
  'a rare tag': { tag: 't250' },
  'owner=me': { owner: 'me' },
  'owner=me with a common q': { owner: 'me', q: 'the' },
  'owner=me with a rare q': { owner: 'me', q: 'zola' },
  'owner=me with an author': { owner: 'me', author: 'murakami' },
  'owner=me with a common tag': { owner: 'me', tag: 'fiction' },
  'owner=me with a tag, q and author': { owner: 'me', tag: 'fiction', q: 'the', author: 'a' },
  'a tag with q and author': { tag: 'classic', q: 'river', author: 'a' },
  'a common phrase (a page within the walk budget)': { q: 'lantern fernland' },
  'a common phrase past the walk budget in some sorts': { q: 'quiet meadow' },
  'a rare phrase of common trigrams': { q: 'ernlant' },
  'a phrase of common trigrams that matches nothing': { q: 'ernlante' },
  'a common phrase with a tag (the tag walk)': { tag: 'lighthouse', q: 'quiet meadow' },
  'a common phrase of my books (the owner walk)': { owner: 'me', q: 'lantern fernland' },
  'a rare phrase of common trigrams in my books': { owner: 'me', q: 'ernlant' },
  'a common phrase of my books with a tag (no walk budget)': {
    owner: 'me',
    tag: 'lighthouse',
    q: 'quiet meadow',
  },
};

describe(`GET /api/books over ${GENERATED} generated books (${TEST_DATABASE_KIND})`, () => {
  it('generated data spans every kind of filter', () => {
    for (const filters of Object.values(FILTERS).slice(1)) {
      if (filters.q !== undefined && MISSES.includes(filters.q)) continue;
      expect(expectedIds(filters, 'title').length, JSON.stringify(filters)).toBeGreaterThan(0);
    }
    expect(expectedIds({ q: 'the' }, 'title').length).toBeGreaterThan(2000);
  });

  for (const [name, filters] of Object.entries(FILTERS)) {
    it(`pages through ${name} in every sort, each book once, in order`, async () => {
      for (const sort of BOOK_SORTS) {
        const limit = expectedIds(filters, sort).length > 1000 ? 100 : 40;
        expect(
          await listAll(filters, sort, limit),
          `${JSON.stringify(filters)} sort=${sort}`,
        ).toEqual(expectedIds(filters, sort));
      }
    });
  }
});

describe('search edge cases', () => {
  const titlesFor = async (filters: Filters) => {
    const response = await server
      .request()
      .get('/api/books')
      .query({ ...filters, limit: 100, sort: 'title' })
      .set(owner.auth)
      .expect(200);
    return BookPageSchema.parse(response.body).items.map((book) => book.title);
  };

  it('matches % and _ literally, not as wildcards', async () => {
    expect(await titlesFor({ q: '%' })).toEqual(['100% Pure Prose']);
    expect(await titlesFor({ q: '0% p' })).toEqual(['100% Pure Prose']);
    expect(await titlesFor({ q: '_' })).toEqual(['snake_case Considered']);
    expect(await titlesFor({ q: 'e_c' })).toEqual(['snake_case Considered']);
    expect(await titlesFor({ q: '\\' })).toEqual(['Escape \\ Artists']);
  });

  it('folds Unicode case the same way on every engine', async () => {
    expect(await titlesFor({ q: 'évariste' })).toEqual(['Germinal']);
    expect(await titlesFor({ author: 'Évariste galois' })).toEqual(['Germinal']);
    expect(await titlesFor({ q: 'études' })).toEqual(['ÉTUDES DE FEMME']);
    expect(await titlesFor({ q: 'HONORÉ' })).toEqual(['ÉTUDES DE FEMME']);
    expect(await titlesFor({ q: 'ωmega' })).toEqual(['The Ωmega Variant']);
    expect(await titlesFor({ author: 'ΣΊΣΥΦΟΣ' })).toEqual(['The Ωmega Variant']);
  });

  it('finds one- and two-character terms', async () => {
    expect(await titlesFor({ q: 'q', tag: 'special' })).toEqual(['Q']);
    expect(await titlesFor({ q: 'zq' })).toEqual(['Q']);
    expect(await titlesFor({ author: 'Ω' })).toEqual([]);
  });

  it('keeps owner=me to the literal me: anything else is a 400 naming query.owner', async () => {
    for (const value of ['you', 'ME', rival.id, '']) {
      const response = await server
        .request()
        .get('/api/books')
        .query({ owner: value })
        .set(owner.auth);
      expect(response.status, value).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        code: 'validation-failed',
        errors: [{ path: 'query.owner' }],
      });
    }
  });

  it('gives each caller their own books with owner=me', async () => {
    for (const caller of [owner, rival]) {
      const response = await server
        .request()
        .get('/api/books')
        .query({ owner: 'me', limit: 100, sort: 'title' })
        .set(caller.auth)
        .expect(200);
      const page = BookPageSchema.strict().parse(response.body);
      expect(page.items.length).toBe(100);
      expect(new Set(page.items.map((book) => book.owner_id))).toEqual(new Set([caller.id]));
      expect(new Set(page.items.map((book) => book.owner_username))).toEqual(
        new Set([caller.username]),
      );
    }
  });

  it('treats a cursor from another filter set as any cursor of the same sort: a position to go on from', async () => {
    const first = await server
      .request()
      .get('/api/books')
      .query({ sort: 'title', limit: 50 })
      .set(owner.auth)
      .expect(200);
    const { next_cursor: cursor, items } = BookPageSchema.parse(first.body);
    if (cursor === null) throw new Error('expected a second page');
    const mine = await server
      .request()
      .get('/api/books')
      .query({ sort: 'title', limit: 100, owner: 'me', cursor })
      .set(owner.auth)
      .expect(200);
    const last = items.at(-1);
    if (last === undefined) throw new Error('empty page');
    const expected = expectedIds({ owner: 'me' }, 'title');
    const after = catalogue.filter((book) => book.id === last.id)[0];
    if (after === undefined) throw new Error('unknown book');
    const lastKey = searchKey(after.title);
    const following = expected.filter((id) => {
      const book = catalogue.find((candidate) => candidate.id === id);
      if (book === undefined) return false;
      const key = searchKey(book.title);
      return key > lastKey || (key === lastKey && book.id > after.id);
    });
    expect(BookPageSchema.parse(mine.body).items.map((book) => book.id)).toEqual(
      following.slice(0, 100),
    );
    const otherSort = await server
      .request()
      .get('/api/books')
      .query({ sort: '-title', owner: 'me', cursor })
      .set(owner.auth);
    expect(otherSort.status).toBe(400);
    expect((otherSort.body as { code: string }).code).toBe('cursor-sort-mismatch');
  });

  it('refuses a forged cursor whose key does not fit its sort, with 400 and no database error', async () => {
    const forge = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');
    const id = '0a2c7a3e-1111-4c3e-9d3a-000000000001';
    for (const [sort, key] of [
      ['-created_at', 'not a time'],
      ['published_year', 1e300],
      ['published_year', 3_000_000_000],
      ['title', 'nul\u0000byte'],
    ] as const) {
      const response = await server
        .request()
        .get('/api/books')
        .query({ sort, cursor: forge({ s: sort, k: key, i: id }) })
        .set(owner.auth);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect((response.body as { code: string }).code).toBe('invalid-cursor');
    }
  });

  it('pages past a book whose folded title is long (a long cursor still works)', async () => {
    const title = 'ﬃ'.repeat(200);
    await server
      .request()
      .post('/api/books')
      .set(owner.auth)
      .send({ title, author: 'Ligature Lover', tags: ['ligatures'] })
      .expect(201);
    await server
      .request()
      .post('/api/books')
      .set(owner.auth)
      .send({ title: 'ﬃ'.repeat(199), author: 'Ligature Lover', tags: ['ligatures'] })
      .expect(201);
    expect(await listAll({ tag: 'ligatures' }, 'title', 1)).toHaveLength(2);
    expect(await listAll({ author: 'ligature lover' }, '-title', 1)).toHaveLength(2);
  });

  it('sees a book’s new title and tags as soon as the write is acknowledged', async () => {
    const created = await server
      .request()
      .post('/api/books')
      .set(owner.auth)
      .send({ title: 'Quixotic Zephyrs', author: 'Vex Wold', tags: ['fresh'] })
      .expect(201);
    const id = (created.body as Book).id;
    expect(await titlesFor({ q: 'zephyr' })).toEqual(['Quixotic Zephyrs']);
    await server
      .request()
      .patch(`/api/books/${id}`)
      .set(owner.auth)
      .send({ title: 'Aardvark Quartet', tags: ['renamed'] })
      .expect(200);
    expect(await titlesFor({ q: 'zephyr' })).toEqual([]);
    expect(await titlesFor({ q: 'aardvark quartet' })).toEqual(['Aardvark Quartet']);
    expect(await titlesFor({ tag: 'fresh' })).toEqual([]);
    expect(await titlesFor({ tag: 'renamed' })).toEqual(['Aardvark Quartet']);
    await server.request().delete(`/api/books/${id}`).set(owner.auth).expect(204);
    expect(await titlesFor({ q: 'aardvark' })).toEqual([]);
    expect(await titlesFor({ tag: 'renamed' })).toEqual([]);
  });
});

/** Page positions to seek from, one per sort field, and an id to break the tie. */
const POSITION_KEYS = { created_at: '2021-06-01T00:00:00.000Z', title: 'm', published_year: 1900 };
const POSITION_ID = '0190a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b';

describe.skipIf(TEST_DATABASE_KIND !== 'sqlite')(
  sqliteOnly(
    'the page query on SQLite',
    'it reads SQLite query plans; PostgreSQL seeks row values on any index',
  ),
  () => {
    const planOf = async (query: BookPageQuery): Promise<string[]> => {
      const page = compilePageQuery(server.db, query);
      const plan = await server.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${page.sql}`, [...page.parameters]),
      );
      return plan.rows.map((row) => row.detail);
    };

    it('seeks the cursor’s position in its index for every sort and walk, never scanning from the start', async () => {
      const walks: Record<string, Partial<BookPageQuery>> = {
        books: {},
        'a tag': { tag: 'fiction' },
        'an owner': { ownerId: owner.id },
      };
      for (const [walk, filters] of Object.entries(walks)) {
        for (const sort of BOOK_SORTS) {
          const field = sort.replace('-', '') as keyof typeof POSITION_KEYS;
          const after = { key: POSITION_KEYS[field], id: POSITION_ID };
          const plan = await planOf({ sort, limit: 20, after, ...filters });
          const walked = plan.find((detail) => /\b(books|book_tags)\b/.test(detail)) ?? '';
          // SEARCH … USING … INDEX name (… (key,id)>(?,?)): a seek, then 21 steps.
          expect(walked, `${walk} sort=${sort}: ${plan.join(' | ')}`).toMatch(
            /^SEARCH .* INDEX \S+ \((\w+=\? AND )?\(\w+,\w+\)[<>]\(\?,\?\)\)$/,
          );
        }
      }
    });
  },
);
