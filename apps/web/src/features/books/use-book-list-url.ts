import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { parseBookListUrl, serialiseBookListUrl, type BookListUrlState } from './book-list-url.js';
import type { BookListHistoryState, ListReturnState } from './list-return.js';

const toUrl = (state: BookListUrlState): string => {
  const search = serialiseBookListUrl(state).toString();
  return search === '' ? '/' : `/?${search}`;
};

/**
 * The list's state from the URL, and moves to other states, each a new history entry. Next keeps
 * the way back in the entry's state (the trail), not in the URL.
 */
export const useBookListUrl = () => {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const state = useMemo(() => parseBookListUrl(params), [params]);
  const historyState = location.state as BookListHistoryState | null;
  const trail = useMemo(() => historyState?.trail ?? [], [historyState]);
  const listUrl = toUrl(state);

  const go = useCallback(
    (next: BookListUrlState, options: { replace?: boolean } = {}) => {
      void navigate(toUrl(next), { replace: options.replace ?? false });
    },
    [navigate],
  );

  const goNext = useCallback(
    (next: BookListUrlState) => {
      void navigate(toUrl(next), { state: { trail: [...trail, listUrl] } });
    },
    [navigate, trail, listUrl],
  );

  const previousUrl = trail.at(-1);
  const goPrevious = useCallback(() => {
    if (previousUrl !== undefined) {
      void navigate(previousUrl, { state: { trail: trail.slice(0, -1) } });
    }
  }, [navigate, previousUrl, trail]);

  const linkState: ListReturnState = {
    listUrl,
    ...(trail.length === 0 ? {} : { listState: { trail } }),
  };

  return {
    state,
    linkState,
    firstPageUrl: toUrl({ ...state, cursor: undefined, from: 1 }),
    hasPreviousPage: previousUrl !== undefined,
    go,
    goNext,
    goPrevious,
  };
};
