import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import { ShelfApiError } from '@shelf/client';
import type { PagePosition } from '../lib/list-url.js';
import { Pager } from './pager.js';
import { QueryError } from './query-error.js';
import { SkeletonList } from './skeleton-list.js';

/** One page of a cursor-paged list, with the position of its first item. */
export interface ListPage<Item> {
  from: number;
  items: Item[];
  next_cursor: string | null;
}

interface PagedListProps<Item> {
  /** The query for the page the URL names; it keeps the previous page while the next loads. */
  page: UseQueryResult<ListPage<Item>>;
  /** What the skeleton announces while the first page loads, e.g. "Loading books…". */
  loadingLabel: string;
  /** What an empty page says. */
  emptyText: string;
  /** The id of the Pager's range text, which the rows should be described by. */
  rangeId: string;
  firstPageUrl: string;
  hasPreviousPage: boolean;
  onPrevious: () => void;
  onNext: (position: PagePosition) => void;
  /** The rows of a non-empty page; `isBusy` while the next page loads. */
  children: (items: Item[], isBusy: boolean) => ReactNode;
}

/**
 * A cursor-paged list's page in each of its states: loading, failed (an out-of-date address
 * offers the first page; other errors a retry), empty, or its items and the Pager.
 */
export const PagedList = <Item,>({
  page,
  loadingLabel,
  emptyText,
  rangeId,
  firstPageUrl,
  hasPreviousPage,
  onPrevious,
  onNext,
  children,
}: PagedListProps<Item>) => (
  <>
    {page.isPending && <SkeletonList label={loadingLabel} />}
    {page.error instanceof ShelfApiError && page.error.status === 400 ? (
      <div className="alert alert-error" role="alert">
        <p>This list address is not valid any more.</p>
        <p>
          <Link to={firstPageUrl}>Go to the first page</Link>
        </p>
      </div>
    ) : (
      <QueryError
        error={page.error}
        failureCount={page.failureCount}
        isFetching={page.isFetching}
        onRetry={() => void page.refetch()}
      />
    )}
    {page.isSuccess && page.data.items.length === 0 && (
      <p role="status" className="empty">
        {emptyText}
      </p>
    )}
    {page.isSuccess &&
      page.data.items.length > 0 &&
      children(page.data.items, page.isPlaceholderData)}
    {page.isSuccess && (
      <Pager
        rangeId={rangeId}
        from={page.data.from}
        count={page.data.items.length}
        firstPageUrl={firstPageUrl}
        hasPreviousPage={hasPreviousPage}
        nextCursor={page.data.next_cursor}
        isBusy={page.isPlaceholderData}
        onPrevious={onPrevious}
        onNext={(cursor) => {
          onNext({ cursor, from: page.data.from + page.data.items.length });
        }}
      />
    )}
  </>
);
