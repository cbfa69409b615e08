/** Everything the users list shows is named by its URL: the search and the page. */
export interface UserListUrlState {
  q: string;
  /** The current page's cursor; undefined on the first page. */
  cursor: string | undefined;
  /** The 1-based position of the page's first user, for "Showing 21–40". */
  from: number;
}

export const USERS_PATH = '/admin/users';

const positiveInteger = (value: string | null): number | undefined => {
  if (value === null || !/^\d{1,9}$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
};

/** Reads the list's state from a query string; anything missing or malformed takes its default. */
export const parseUserListUrl = (params: URLSearchParams): UserListUrlState => {
  const cursor = params.get('cursor') ?? '';
  return {
    q: params.get('q')?.trim() ?? '',
    cursor: cursor === '' ? undefined : cursor,
    from: cursor === '' ? 1 : (positiveInteger(params.get('from')) ?? 1),
  };
};

/** The list's address for a state, leaving out defaults so it stays short and shareable. */
export const userListUrl = (state: UserListUrlState): string => {
  const params = new URLSearchParams();
  if (state.q !== '') params.set('q', state.q);
  if (state.cursor !== undefined) {
    params.set('cursor', state.cursor);
    params.set('from', String(state.from));
  }
  const search = params.toString();
  return search === '' ? USERS_PATH : `${USERS_PATH}?${search}`;
};

/** The first page of the users matching `q`. */
export const withSearch = (q: string): UserListUrlState => ({ q, cursor: undefined, from: 1 });

/**
 * Which users a page shows, e.g. "Showing 21–40"; empty when it shows none.
 *
 * @example
 * rangeText(21, 20); // 'Showing 21–40'
 */
export const rangeText = (from: number, count: number): string => {
  if (count <= 0) return '';
  const to = from + count - 1;
  return from === to ? `Showing ${from}` : `Showing ${from}–${to}`;
};
