/**
 * SQLite's side of substring search: asks the FTS5 trigram index `books_search` which books can
 * match, so the page query rechecks a few candidates instead of walking every book.
 */
import { sql } from 'kysely';
import type { BooksStore } from './books.repository.js';
import { rarestTrigrams, trigramsOf } from './trigram-rarity.js';

/** Trigram indexes need three characters; shorter terms are matched by scanning in sort order. */
const TRIGRAM = 3;

/** A search term the text index is asked about, and the filter it came from. */
export interface SearchTerm {
  field: 'q' | 'author';
  /** The term as search keys store text (searchKey). */
  term: string;
}

/** Counted in code points, as the trigram tokenizer counts. */
export const isTrigramSearchable = (term: string): boolean =>
  (term.match(/./gsu)?.length ?? 0) >= TRIGRAM;

/** An FTS5 string literal: the trigram tokenizer matches it as a substring. */
const ftsPhrase = (term: string) => `"${term.replaceAll('"', '""')}"`;

/** FTS5 column filters: `q` searches title and author, `author` only the author. */
const FTS_COLUMNS = { q: '{title_key author_key}', author: 'author_key' } as const;

/** Trigrams asked of the text index first; the whole term is rechecked on what they find. */
const NARROW_TRIGRAMS = 3;

/** Matches of each trigram read to estimate how common it is: one leaf page or so. */
const SAMPLE_MATCHES = 64;

/**
 * Matches beyond which a term counts as common. A rare term is fastest driven by the text index
 * (fetch its few matches, sort them); a common one by walking the sort index and testing each row,
 * which finds a page of matches within a few thousand rows.
 */
const COMMON_TERM_MATCHES = 2000;

interface Probe {
  /** Rows found, up to COMMON_TERM_MATCHES. */
  matches: number;
  /** Their rowids, as a JSON array. */
  seqs: string;
}

/** The rowids an FTS5 query finds, up to COMMON_TERM_MATCHES of them. */
const probe = async (store: BooksStore, ftsQuery: string): Promise<Probe | undefined> => {
  const query = sql<Probe>`
    select count(*) as matches, json_group_array(seq) as seqs from
      (select rowid as seq from books_search where books_search match ${ftsQuery}
       limit ${COMMON_TERM_MATCHES})`;
  const [row] = await store.offloadedReads.all(query.compile(store.db));
  return row;
};

/** One term's trigrams as FTS5 queries on its columns, in the static guess's order of rarity. */
const trigramQueriesOf = ({ field, term }: SearchTerm): string[] =>
  rarestTrigrams(term, Number.MAX_SAFE_INTEGER).map(
    (trigram) => `${FTS_COLUMNS[field]} : ${ftsPhrase(trigram)}`,
  );

/**
 * Probes with each term's NARROW_TRIGRAMS rarest trigrams (a superset of the matches, cheap to
 * read), in one statement that first estimates how many books each trigram is in from the start of
 * its list: all of them when fewer than SAMPLE_MATCHES, else from how far into the table (by rowid)
 * the first SAMPLE_MATCHES reach. Reading a few entries of every list costs far less than one common
 * list in full; ties keep the static guess's order. `absent` counts trigrams in no book: then
 * nothing can match.
 */
const probeRarest = async (
  store: BooksStore,
  terms: SearchTerm[],
): Promise<(Probe & { absent: number }) | undefined> => {
  const trigrams = terms.flatMap((term, index) =>
    trigramQueriesOf(term).map((query) => [index, query]),
  );
  const narrowQuery = sql`(select group_concat('(' || query || ')', ' AND ') from ranked
    where rank <= ${NARROW_TRIGRAMS})`;
  const query = sql<Probe & { absent: number }>`
    with trigrams as (
      select json_extract(value, '$[0]') as term, json_extract(value, '$[1]') as query,
        key as position
      from json_each(${JSON.stringify(trigrams)})),
    ranked as materialized (
      select query, estimate,
        row_number() over (partition by term order by estimate, position) as rank
      from (select term, query, position, (
          select case when count(*) < ${SAMPLE_MATCHES} then count(*)
            else ${SAMPLE_MATCHES} * 1.0 * (select max(seq) from books) / max(seq) end
          from (select rowid as seq from books_search where books_search match trigrams.query
            limit ${SAMPLE_MATCHES})) as estimate
        from trigrams))
    select (select count(*) from ranked where estimate = 0) as absent,
      count(*) as matches, json_group_array(seq) as seqs
    from (select rowid as seq from books_search where books_search match ${narrowQuery}
      limit ${COMMON_TERM_MATCHES})`;
  const [row] = await store.offloadedReads.all(query.compile(store.db));
  return row;
};

/** What the text index says of some terms. */
export type TextIndexFinding =
  /** No book can match. */
  | { kind: 'none' }
  /** Fewer than COMMON_TERM_MATCHES books can: their rowids, as a JSON array. */
  | { kind: 'rare'; seqs: string }
  /** At least COMMON_TERM_MATCHES books can: walk the sort index instead. */
  | { kind: 'common' };

const findingOf = (probed: Probe | undefined): TextIndexFinding =>
  probed === undefined || probed.matches >= COMMON_TERM_MATCHES
    ? { kind: 'common' }
    : probed.matches === 0
      ? { kind: 'none' }
      : { kind: 'rare', seqs: probed.seqs };

/**
 * What the rarest trigrams of `terms` (each trigram-searchable) say: a superset of the matches,
 * cheap to read. A miss made of common trigrams (`lovelace the`) is settled here, on the few books
 * its rarest trigrams share. Undefined when every term is one trigram, which only probeWholeTerms
 * can judge. The ids stay JSON text from probe to page query: one row crosses from the worker, not
 * 2,000.
 */
export const probeRarestTrigrams = async (
  store: BooksStore,
  terms: SearchTerm[],
): Promise<TextIndexFinding | undefined> => {
  if (terms.every(({ term }) => trigramsOf(term).length === 1)) return undefined;
  const rarest = await probeRarest(store, terms);
  if (rarest !== undefined && rarest.absent > 0) return { kind: 'none' };
  return findingOf(rarest);
};

/**
 * What each whole term, asked as a phrase, says: exact, but it reads the long lists of the term's
 * common trigrams too.
 */
export const probeWholeTerms = async (
  store: BooksStore,
  terms: SearchTerm[],
): Promise<TextIndexFinding> => {
  const exact = terms
    .map(({ field, term }) => `${FTS_COLUMNS[field]} : ${ftsPhrase(term)}`)
    .join(' AND ');
  return findingOf(await probe(store, exact));
};
