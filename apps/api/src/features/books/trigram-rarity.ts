/** English letters from most to least frequent: a cheap, static guess at a trigram's rarity. */
const LETTERS_BY_FREQUENCY = 'etaoinshrdlcumwfgypbvkjxqz';

const charRarity = (char: string): number => {
  const rank = LETTERS_BY_FREQUENCY.indexOf(char);
  if (rank >= 0) return rank;
  if (/\p{Nd}/u.test(char)) return 12;
  if (/[\p{L}\p{N}]/u.test(char)) return 20;
  return 0;
};

/** The trigrams of `term` (three code points each), without repeats. */
export const trigramsOf = (term: string): string[] => {
  const chars = term.match(/./gsu) ?? [];
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) trigrams.add(chars.slice(i, i + 3).join(''));
  return Array.from(trigrams);
};

/**
 * The `count` trigrams of `term` most likely to be rare (rare letters, no spaces), preferring ones
 * that do not overlap, since overlapping trigrams mostly repeat each other's evidence. A text index
 * asked for only these reads short lists, where the whole phrase would read the lists of `the` and
 * `he ` too; the caller rechecks the whole term on the few rows they give.
 *
 * @example
 * rarestTrigrams('the rivers', 2); // ['riv', 'ers']
 */
export const rarestTrigrams = (term: string, count: number): string[] => {
  const chars = term.match(/./gsu) ?? [];
  const ranked = chars
    .slice(0, Math.max(0, chars.length - 2))
    .map((_, start) => {
      const trigram = chars.slice(start, start + 3);
      return {
        start,
        trigram: trigram.join(''),
        rarity: trigram.reduce((sum, char) => sum + charRarity(char), 0),
      };
    })
    .sort((a, b) => b.rarity - a.rarity || a.start - b.start);
  const chosen: typeof ranked = [];
  const isApart = (candidate: (typeof ranked)[number]) =>
    chosen.every((picked) => Math.abs(picked.start - candidate.start) >= 3);
  for (const candidate of ranked)
    if (chosen.length < count && isApart(candidate)) chosen.push(candidate);
  for (const candidate of ranked) {
    if (chosen.length < count && !chosen.some((picked) => picked.trigram === candidate.trigram)) {
      chosen.push(candidate);
    }
  }
  return chosen.map(({ trigram }) => trigram);
};
