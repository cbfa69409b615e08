import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { listHref } from '../../lib/list-url.js';
import { usePagedListUrl } from '../../lib/use-paged-list-url.js';
import { parseBookListUrl, serialiseBookListUrl, type BookListUrlState } from './book-list-url.js';
import type { ListReturnState } from './list-return.js';

const toUrl = (state: BookListUrlState): string => listHref('/', serialiseBookListUrl(state));

/**
 * The book list's state from the URL, and moves to other states, each a new history entry; the
 * pages work as every paged list's do (usePagedListUrl).
 */
export const useBookListUrl = () => {
  const navigate = useNavigate();
  const list = usePagedListUrl(parseBookListUrl, toUrl);

  const go = useCallback(
    (next: BookListUrlState, options: { replace?: boolean } = {}) => {
      void navigate(toUrl(next), { replace: options.replace ?? false });
    },
    [navigate],
  );

  const linkState: ListReturnState = {
    listUrl: list.listUrl,
    ...(list.trail.length === 0 ? {} : { listState: { trail: list.trail } }),
  };

  return { ...list, linkState, go };
};
