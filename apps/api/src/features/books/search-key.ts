/**
 * The form titles and authors are sorted and searched in: Unicode compatibility-normalised (NFKC,
 * so ligatures and full-width letters match their plain forms) and lower-cased with Unicode rules.
 * Computed here rather than by the database because SQLite's `lower()` folds only ASCII; storing the
 * key makes both engines sort and match identically (`ÉMILE` finds `émile` on each).
 *
 * @example
 * searchKey('ÉMILE Zola'); // 'émile zola'
 */
export const searchKey = (text: string): string => text.normalize('NFKC').toLowerCase();
