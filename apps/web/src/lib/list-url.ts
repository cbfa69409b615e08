/** Where a cursor-paged list is: the page's cursor and the position of its first item. */
export interface PagePosition {
  /** The current page's cursor; undefined on the first page. */
  cursor: string | undefined;
  /** The 1-based position of the page's first item, for "Showing 21–40". */
  from: number;
}

/** The first page of a list. */
export const FIRST_PAGE: PagePosition = { cursor: undefined, from: 1 };

const positiveInteger = (value: string | null): number | undefined => {
  if (value === null || !/^\d{1,9}$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
};

/**
 * Reads the page from a list's query string: `cursor`, and `from` only with a cursor; anything
 * missing or malformed means the first page's values.
 */
export const parsePagePosition = (params: URLSearchParams): PagePosition => {
  const cursor = params.get('cursor') ?? '';
  return {
    cursor: cursor === '' ? undefined : cursor,
    from: cursor === '' ? 1 : (positiveInteger(params.get('from')) ?? 1),
  };
};

/** Adds the page to a list's query string, leaving out the first page so URLs stay short. */
export const setPagePosition = (params: URLSearchParams, position: PagePosition): void => {
  if (position.cursor !== undefined) {
    params.set('cursor', position.cursor);
    params.set('from', String(position.from));
  }
};

/**
 * A list's address: its path with the query string, if any.
 *
 * @example
 * listHref('/admin/users', new URLSearchParams('q=carol')); // '/admin/users?q=carol'
 */
export const listHref = (path: string, params: URLSearchParams): string => {
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
};
