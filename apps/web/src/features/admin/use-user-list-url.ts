import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import {
  parseUserListUrl,
  userListUrl,
  withSearch,
  type UserListUrlState,
} from './user-list-url.js';

/** What the list keeps in a page's history entry: the pages before it, for Previous. */
interface UserListHistoryState {
  trail?: string[];
}

/**
 * The users list's state from the URL, and moves to other states. Next keeps the way back in the
 * history entry's state (the trail), as the book list does.
 */
export const useUserListUrl = () => {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const state = useMemo(() => parseUserListUrl(params), [params]);
  const trail = useMemo(
    () => (location.state as UserListHistoryState | null)?.trail ?? [],
    [location.state],
  );
  const listUrl = userListUrl(state);

  const search = useCallback(
    (q: string) => {
      void navigate(userListUrl(withSearch(q)), { replace: true });
    },
    [navigate],
  );

  const goNext = useCallback(
    (next: UserListUrlState) => {
      void navigate(userListUrl(next), { state: { trail: [...trail, listUrl] } });
    },
    [navigate, trail, listUrl],
  );

  const previousUrl = trail.at(-1);
  const goPrevious = useCallback(() => {
    if (previousUrl !== undefined) {
      void navigate(previousUrl, { state: { trail: trail.slice(0, -1) } });
    }
  }, [navigate, previousUrl, trail]);

  return {
    state,
    firstPageUrl: userListUrl(withSearch(state.q)),
    hasPreviousPage: previousUrl !== undefined,
    search,
    goNext,
    goPrevious,
  };
};
