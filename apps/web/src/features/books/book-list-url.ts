import { BOOK_SORTS, type BookSort } from '@shelf/client';

/** Everything the book list shows is named by its URL: filters, order and the page. */
export interface BookListUrlState {
  q: string;
  tag: string;
  sort: BookSort;
  /** `me`: only the caller's books. */
  owner: 'all' | 'me';
  /** The current page's cursor; undefined on the first page. */
  cursor: string | undefined;
  /** The 1-based position of the page's first book, for "Showing 21–40". */
  from: number;
}

export const DEFAULT_SORT: BookSort = '-created_at';

const isBookSort = (value: string | null): value is BookSort =>
  BOOK_SORTS.some((sort) => sort === value);

const positiveInteger = (value: string | null): number | undefined => {
  if (value === null || !/^\d{1,9}$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
};

/** Reads the list's state from a query string; anything missing or malformed takes its default. */
export const parseBookListUrl = (params: URLSearchParams): BookListUrlState => {
  const cursor = params.get('cursor') ?? '';
  const sort = params.get('sort');
  return {
    q: params.get('q')?.trim() ?? '',
    tag: params.get('tag')?.trim() ?? '',
    sort: isBookSort(sort) ? sort : DEFAULT_SORT,
    owner: params.get('owner') === 'me' ? 'me' : 'all',
    cursor: cursor === '' ? undefined : cursor,
    from: cursor === '' ? 1 : (positiveInteger(params.get('from')) ?? 1),
  };
};

/** The query string for a state, leaving out defaults so URLs stay short and shareable. */
export const serialiseBookListUrl = (state: BookListUrlState): URLSearchParams => {
  const params = new URLSearchParams();
  if (state.q !== '') params.set('q', state.q);
  if (state.tag !== '') params.set('tag', state.tag);
  if (state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  if (state.owner === 'me') params.set('owner', 'me');
  if (state.cursor !== undefined) {
    params.set('cursor', state.cursor);
    params.set('from', String(state.from));
  }
  return params;
};

/** The list at its first page with some filters changed. */
export const withFilters = (
  state: BookListUrlState,
  changes: Partial<Pick<BookListUrlState, 'q' | 'tag' | 'sort' | 'owner'>>,
): BookListUrlState => ({ ...state, ...changes, cursor: undefined, from: 1 });
