import { Link } from 'react-router';
import { rangeText } from './user-list-url.js';

interface UserPagerProps {
  from: number;
  count: number;
  firstPageUrl: string;
  hasPreviousPage: boolean;
  nextCursor: string | null;
  isBusy: boolean;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
}

/** Which accounts are shown, and the way to the pages around them (pages are history entries). */
export const UserPager = ({
  from,
  count,
  firstPageUrl,
  hasPreviousPage,
  nextCursor,
  isBusy,
  onPrevious,
  onNext,
}: UserPagerProps) => (
  <nav className="pager" aria-label="Pages">
    {hasPreviousPage ? (
      <button type="button" className="secondary" onClick={onPrevious}>
        Previous
      </button>
    ) : (
      from > 1 && <Link to={firstPageUrl}>First page</Link>
    )}
    <span id="users-range" aria-live="polite">
      {rangeText(from, count)}
    </span>
    <button
      type="button"
      className="secondary"
      disabled={nextCursor === null || isBusy}
      onClick={() => {
        if (nextCursor !== null) onNext(nextCursor);
      }}
    >
      Next
    </button>
  </nav>
);
