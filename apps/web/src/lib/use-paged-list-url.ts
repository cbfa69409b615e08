import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { FIRST_PAGE, type PagePosition } from './list-url.js';

/** What a paged list keeps in a page's history entry, besides its URL. */
export interface ListHistoryState {
  /** The URLs of the pages before this one, oldest first, so Previous knows where to go. */
  trail?: string[];
}

/**
 * A cursor-paged list's state from the URL, and moves between its pages, each a new history entry.
 * Next keeps the way back in the entry's state (the trail), not in the URL, so Previous goes back
 * to the very page it came from. `parse` and `toUrl` should be module-level (stable) functions.
 *
 * @example
 * const { state, firstPageUrl, hasPreviousPage, goNext, goPrevious } = usePagedListUrl(
 *   parseUserListUrl,
 *   userListUrl,
 * );
 */
export const usePagedListUrl = <State extends PagePosition>(
  parse: (params: URLSearchParams) => State,
  toUrl: (state: State) => string,
) => {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const state = useMemo(() => parse(params), [parse, params]);
  const trail = useMemo(
    () => (location.state as ListHistoryState | null)?.trail ?? [],
    [location.state],
  );
  const listUrl = toUrl(state);

  /** Goes on to the page at `position`, with the same filters. */
  const goNext = useCallback(
    (position: PagePosition) => {
      void navigate(toUrl({ ...state, ...position }), { state: { trail: [...trail, listUrl] } });
    },
    [navigate, toUrl, state, trail, listUrl],
  );

  const previousUrl = trail.at(-1);
  const goPrevious = useCallback(() => {
    if (previousUrl !== undefined) {
      void navigate(previousUrl, { state: { trail: trail.slice(0, -1) } });
    }
  }, [navigate, previousUrl, trail]);

  return {
    state,
    /** This page's URL. */
    listUrl,
    trail,
    firstPageUrl: toUrl({ ...state, ...FIRST_PAGE }),
    hasPreviousPage: previousUrl !== undefined,
    goNext,
    goPrevious,
  };
};
