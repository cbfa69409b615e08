/**
 * Which items a list's page shows, e.g. "Showing 21–40"; empty when it shows none.
 *
 * @example
 * rangeText(21, 20); // 'Showing 21–40'
 */
export const rangeText = (from: number, count: number): string => {
  if (count <= 0) return '';
  const to = from + count - 1;
  return from === to ? `Showing ${from}` : `Showing ${from}–${to}`;
};
