/** Where a book stands: its id and the version every write raises. */
export interface BookVersion {
  id: string;
  version: number;
}

/**
 * The book's strong ETag, `"v3-<id>"`: it changes with every write, and the id in it keeps one
 * book's tag from ever matching another book at the same version.
 *
 * @example
 * bookETag({ id: '7b0c…', version: 3 }); // '"v3-7b0c…"'
 */
export const bookETag = ({ id, version }: BookVersion): string => `"v${version}-${id}"`;

/** What an `If-Match` header asks for: any current book, or one of these ETags. */
export type IfMatch = { kind: 'any' } | { kind: 'one-of'; etags: readonly string[] };

/**
 * Parses `If-Match` (RFC 9110 §13.1.1): `*`, or a comma-separated list of entity tags. Weak tags
 * (`W/"…"`) never match, since If-Match compares strongly; undefined when the header is absent.
 *
 * @example
 * parseIfMatch('"v3-7b0c…", "v4-7b0c…"'); // { kind: 'one-of', etags: ['"v3-7b0c…"', '"v4-7b0c…"'] }
 */
export const parseIfMatch = (header: string | undefined): IfMatch | undefined => {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return { kind: 'any' };
  const etags = header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('"') && part.endsWith('"') && part.length >= 2);
  return { kind: 'one-of', etags };
};

/** A book ETag exactly as bookETag writes it (no leading zeros: If-Match compares strongly). */
const BOOK_ETAG = /^"v([1-9]\d{0,9})-([0-9a-f-]{36})"$/;

/** The largest version the `integer` column holds; a tag naming more can match no book. */
const MAX_VERSION = 2_147_483_647;

/**
 * The versions of book `id` a write may proceed from under `ifMatch`: undefined for no condition
 * (no header, or `*`, which any existing book satisfies), else the versions its tags name for this
 * book; an empty list means nothing can match and the write fails with 412.
 */
export const acceptedVersions = (
  id: string,
  ifMatch: IfMatch | undefined,
): readonly number[] | undefined => {
  if (ifMatch === undefined || ifMatch.kind === 'any') return undefined;
  return ifMatch.etags.flatMap((etag) => {
    const match = BOOK_ETAG.exec(etag);
    const version = Number(match?.[1]);
    return match?.[2] === id && version <= MAX_VERSION ? [version] : [];
  });
};

/** An entity tag without its weakness prefix: If-None-Match compares weakly (RFC 9110 §8.8.3.2). */
const opaqueTag = (etag: string) => (etag.startsWith('W/') ? etag.slice(2) : etag);

/**
 * Whether `If-None-Match` names the current ETag (or is `*`), so a GET answers 304. Decided here
 * rather than by Express's freshness check, which gives up on any request carrying
 * `Cache-Control: no-cache`, as `fetch` adds to every conditional request.
 *
 * @example
 * isNotModified('W/"v3-7b0c…", "v4-7b0c…"', '"v4-7b0c…"'); // true
 */
export const isNotModified = (header: string | undefined, etag: string): boolean => {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((part) => opaqueTag(part.trim()) === etag);
};
