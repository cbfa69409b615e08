import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { usePagedListUrl } from '../../lib/use-paged-list-url.js';
import { parseUserListUrl, userListUrl, withSearch } from './user-list-url.js';

/**
 * The users list's state from the URL, and moves to other states: a new search replaces the
 * history entry; the pages work as every paged list's do (usePagedListUrl).
 */
export const useUserListUrl = () => {
  const navigate = useNavigate();
  const list = usePagedListUrl(parseUserListUrl, userListUrl);

  const search = useCallback(
    (q: string) => {
      void navigate(userListUrl(withSearch(q)), { replace: true });
    },
    [navigate],
  );

  return { ...list, search };
};
