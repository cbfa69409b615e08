/**
 * A tag as Shelf stores and matches it: trimmed and lower-cased (`toLowerCase`, which follows
 * Unicode's case mapping and no locale), so `Sci-Fi`, ` sci-fi ` and `SCI-FI` are one tag. The API
 * applies it on every write and to the `tag` filter; a form may apply it to show what will be kept.
 *
 * @example
 * normalizeTag('  Science Fiction '); // 'science fiction'
 * normalizeTag('ÉTÉ'); // 'été'
 */
export const normalizeTag = (tag: string): string => tag.trim().toLowerCase();

/**
 * Tags normalised one by one (normalizeTag), duplicates after normalising dropped, each kept at its
 * first position.
 *
 * @example
 * normalizeTags(['Classic', 'victorian', 'CLASSIC ']); // ['classic', 'victorian']
 */
export const normalizeTags = (tags: readonly string[]): string[] => [
  ...new Set(tags.map(normalizeTag)),
];
