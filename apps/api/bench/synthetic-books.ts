/**
 * Deterministic, realistic synthetic books: the same index always gives the same book. Titles and
 * authors come from word lists, tags from a skewed vocabulary of 300 (a few common, most rare),
 * years spread over centuries with some missing, ISBNs on about a third.
 */
import type { Book } from '@shelf/contracts';
import { v7 } from 'uuid';

const ADJECTIVES = [
  'Silent',
  'Crimson',
  'Hidden',
  'Last',
  'Broken',
  'Golden',
  'Distant',
  'Quiet',
  'Burning',
  'Lost',
  'Endless',
  'Forgotten',
  'Wandering',
  'Northern',
  'Secret',
  'Bitter',
  'Hollow',
  'Winter',
  'Painted',
  'Iron',
  'Glass',
  'Wild',
  'Dark',
  'Bright',
  'Little',
  'Ancient',
  'Restless',
  'Emerald',
  'Sunken',
  'Électrique',
  'Über',
  'Ørsted',
  'Ærial',
  'Señorial',
];
const NOUNS = [
  'River',
  'Garden',
  'Kingdom',
  'Harbour',
  'Mirror',
  'Library',
  'Orchard',
  'Mountain',
  'Lantern',
  'Machine',
  'Voyage',
  'Island',
  'Letters',
  'Empire',
  'Forest',
  'Clockwork',
  'Cathedral',
  'Tide',
  'Shadow',
  'Compass',
  'Archive',
  'Meadow',
  'Engine',
  'Citadel',
  'Frontier',
  'Storm',
  'Bridge',
  'Horizon',
  'Question',
  'Algorithm',
  'Symphony',
  'Atlas',
  'Theorem',
  'Passage',
  'Inheritance',
];
const CONNECTORS = ['of the', 'and the', 'beyond the', 'under the', 'in the', 'for the'];
const FIRST_NAMES = [
  'Ada',
  'Émile',
  'Grace',
  'Haruki',
  'Chimamanda',
  'Italo',
  'Ursula',
  'Jorge',
  'Toni',
  'Gabriel',
  'Virginia',
  'Fyodor',
  'Zadie',
  'Kazuo',
  'Octavia',
  'Leo',
  'Mary',
  'Salman',
  'Elena',
  'Orhan',
  'Wisława',
  'Naguib',
  'Clarice',
  'Yukio',
  'Doris',
  'James',
  'Arundhati',
  'Albert',
  'Selma',
  'Ngũgĩ',
];
const SURNAMES = [
  'Lovelace',
  'Zola',
  'Hopper',
  'Murakami',
  'Adichie',
  'Calvino',
  'Le Guin',
  'Borges',
  'Morrison',
  'Márquez',
  'Woolf',
  'Dostoevsky',
  'Smith',
  'Ishiguro',
  'Butler',
  'Tolstoy',
  'Shelley',
  'Rushdie',
  'Ferrante',
  'Pamuk',
  'Szymborska',
  'Mahfouz',
  'Lispector',
  'Mishima',
  'Lessing',
  'Baldwin',
  'Roy',
  'Camus',
  'Lagerlöf',
  'wa Thiong’o',
  'Okafor',
  'Lindqvist',
  'Nakamura',
  'Petrov',
  'Haddad',
  'Fernández',
  'Kowalski',
  'Novak',
  'Andersen',
  'Rossi',
];
const GENRES = [
  'fiction',
  'classic',
  'fantasy',
  'science-fiction',
  'mystery',
  'history',
  'poetry',
  'biography',
  'philosophy',
  'romance',
  'horror',
  'travel',
  'essays',
  'drama',
  'children',
  'thriller',
  'satire',
  'dystopia',
  'science',
  'art',
];
/** 20 genres first (the common ones), then t20…t299; `software` and `sailing` sit in the rare tail. */
export const TAG_VOCABULARY: readonly string[] = [
  ...GENRES,
  ...Array.from({ length: 278 }, (_, i) => `t${i + 20}`),
  'software',
  'sailing',
];

const START_MS = Date.parse('2020-01-01T00:00:00.000Z');
const STEP_MS = 60_000;
const CURRENT_YEAR = new Date().getUTCFullYear();

/** mulberry32: a tiny, fast, seedable PRNG; one stream per book keeps books independent. */
const random = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

const pick = <T>(items: readonly T[], next: () => number): T => {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};

/**
 * A version 7 UUID for the book created at `createdMs`, as Shelf makes them (book-id.ts), its
 * random bits drawn from a stream of their own, so ids are deterministic too.
 */
const uuidAt = (createdMs: number, seed: number) => {
  const next = random(seed);
  return v7({ msecs: createdMs, random: Uint8Array.from({ length: 16 }, () => next() * 256) });
};

/** An ISBN-13 unique to `index`, with a correct check digit. */
export const isbnFor = (index: number): string => {
  const body = `979${String(index).padStart(9, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body.charAt(i)) * (i % 2 === 0 ? 1 : 3);
  return `${body}${(10 - (sum % 10)) % 10}`;
};

const title = (next: () => number) => {
  const shape = next();
  if (shape < 0.4) return `The ${pick(ADJECTIVES, next)} ${pick(NOUNS, next)}`;
  if (shape < 0.8) {
    return `${pick(NOUNS, next)} ${pick(CONNECTORS, next)} ${pick(ADJECTIVES, next)} ${pick(NOUNS, next)}`;
  }
  return `${pick(ADJECTIVES, next)} ${pick(NOUNS, next)}, Volume ${1 + Math.floor(next() * 12)}`;
};

/** Skewed towards the head of the vocabulary: tag i is chosen with density ∝ 1/√i. */
const tags = (next: () => number) => {
  const count = Math.floor(next() * 5);
  const chosen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const u = next();
    chosen.add(pick(TAG_VOCABULARY, () => u * u));
  }
  return [...chosen];
};

const year = (next: () => number): number | null => {
  if (next() < 0.1) return null;
  const age = Math.floor(600 * next() ** 3);
  return next() < 0.01 ? -Math.floor(next() * 800) : CURRENT_YEAR - age;
};

/** The book at `index`, owned by one of `ownerIds` (as written: the owner's username lives in users). */
export const syntheticBook = (
  index: number,
  ownerIds: readonly string[],
): Omit<Book, 'owner_username'> => {
  const next = random(index * 2_654_435_761 + 1);
  const createdMs = START_MS + index * STEP_MS;
  const createdAt = new Date(createdMs).toISOString();
  return {
    id: uuidAt(createdMs, index * 2_654_435_761 + 2),
    title: title(next),
    author: `${pick(FIRST_NAMES, next)} ${pick(SURNAMES, next)}`,
    isbn: next() < 0.33 ? isbnFor(index) : null,
    published_year: year(next),
    tags: tags(next),
    owner_id: pick(ownerIds, next),
    created_at: createdAt,
    updated_at: createdAt,
  };
};
