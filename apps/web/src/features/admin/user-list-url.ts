import {
  FIRST_PAGE,
  listHref,
  parsePagePosition,
  setPagePosition,
  type PagePosition,
} from '../../lib/list-url.js';

/** Everything the users list shows is named by its URL: the search and the page. */
export interface UserListUrlState extends PagePosition {
  q: string;
}

export const USERS_PATH = '/admin/users';

/** Reads the list's state from a query string; anything missing or malformed takes its default. */
export const parseUserListUrl = (params: URLSearchParams): UserListUrlState => ({
  q: params.get('q')?.trim() ?? '',
  ...parsePagePosition(params),
});

/** The list's address for a state, leaving out defaults so it stays short and shareable. */
export const userListUrl = (state: UserListUrlState): string => {
  const params = new URLSearchParams();
  if (state.q !== '') params.set('q', state.q);
  setPagePosition(params, state);
  return listHref(USERS_PATH, params);
};

/** The first page of the users matching `q`. */
export const withSearch = (q: string): UserListUrlState => ({ q, ...FIRST_PAGE });
