import { useLocation } from 'react-router';
import type { ListHistoryState } from '../../lib/use-paged-list-url.js';

/** What links from the list into a book's pages carry: the list page to return to. */
export interface ListReturnState {
  listUrl?: string;
  listState?: ListHistoryState;
}

/** Where to return: the list page (its filters, page and trail) this page was opened from. */
export interface ListReturn {
  url: string;
  state: ListHistoryState | null;
  /** The state to put on links that go on from here and should return to the same list. */
  linkState: ListReturnState;
}

/** The list page this page was opened from, or the first page. */
export const useListReturn = (): ListReturn => {
  const state = useLocation().state as ListReturnState | null;
  const url = state?.listUrl?.startsWith('/') === true ? state.listUrl : '/';
  const listState = state?.listState ?? null;
  return {
    url,
    state: listState,
    linkState: { listUrl: url, ...(listState === null ? {} : { listState }) },
  };
};
