import { BOOK_SORTS, type BookSort } from '@shelf/client';
import {
  FIRST_PAGE,
  parsePagePosition,
  setPagePosition,
  type PagePosition,
} from '../../lib/list-url.js';

/** Everything the book list shows is named by its URL: filters, order and the page. */
export interface BookListUrlState extends PagePosition {
  q: string;
  tag: string;
  sort: BookSort;
  /** `me`: only the caller's books. */
  owner: 'all' | 'me';
}

export const DEFAULT_SORT: BookSort = '-created_at';

const isBookSort = (value: string | null): value is BookSort =>
  BOOK_SORTS.some((sort) => sort === value);

/** Reads the list's state from a query string; anything missing or malformed takes its default. */
export const parseBookListUrl = (params: URLSearchParams): BookListUrlState => {
  const sort = params.get('sort');
  return {
    q: params.get('q')?.trim() ?? '',
    tag: params.get('tag')?.trim() ?? '',
    sort: isBookSort(sort) ? sort : DEFAULT_SORT,
    owner: params.get('owner') === 'me' ? 'me' : 'all',
    ...parsePagePosition(params),
  };
};

/** The query string for a state, leaving out defaults so URLs stay short and shareable. */
export const serialiseBookListUrl = (state: BookListUrlState): URLSearchParams => {
  const params = new URLSearchParams();
  if (state.q !== '') params.set('q', state.q);
  if (state.tag !== '') params.set('tag', state.tag);
  if (state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  if (state.owner === 'me') params.set('owner', 'me');
  setPagePosition(params, state);
  return params;
};

/** The list at its first page with some filters changed. */
export const withFilters = (
  state: BookListUrlState,
  changes: Partial<Pick<BookListUrlState, 'q' | 'tag' | 'sort' | 'owner'>>,
): BookListUrlState => ({ ...state, ...changes, ...FIRST_PAGE });
