import { Link } from 'react-router';
import { rangeText } from './book-range.js';

interface BookPagerProps {
  from: number;
  count: number;
  firstPageUrl: string;
  hasPreviousPage: boolean;
  nextCursor: string | null | undefined;
  isBusy: boolean;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
}

/**
 * Which books are shown, and the way to the pages around them. Pages are history entries: Previous
 * goes back when the page was reached with Next; otherwise "First page" starts over.
 */
export const BookPager = ({
  from,
  count,
  firstPageUrl,
  hasPreviousPage,
  nextCursor,
  isBusy,
  onPrevious,
  onNext,
}: BookPagerProps) => (
  <nav className="pager" aria-label="Pages">
    {hasPreviousPage ? (
      <button type="button" className="secondary" onClick={onPrevious}>
        Previous
      </button>
    ) : (
      from > 1 && <Link to={firstPageUrl}>First page</Link>
    )}
    <span id="page-range" aria-live="polite">
      {rangeText(from, count)}
    </span>
    {/* Busy is aria-disabled, not disabled: a disabled button would drop the keyboard focus. */}
    <button
      type="button"
      className="secondary"
      disabled={nextCursor == null}
      aria-disabled={isBusy}
      onClick={() => {
        if (nextCursor != null && !isBusy) onNext(nextCursor);
      }}
    >
      Next
    </button>
  </nav>
);
