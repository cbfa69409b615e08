import { Link } from 'react-router';
import { rangeText } from '../lib/range-text.js';

interface PagerProps {
  /** The id of the range text ("Showing 21–40"), which the list's table is described by. */
  rangeId: string;
  /** The 1-based position of the page's first item. */
  from: number;
  count: number;
  firstPageUrl: string;
  hasPreviousPage: boolean;
  /** The next page's cursor; null on the last page. */
  nextCursor: string | null;
  /** True while the next page loads and the current one stays on screen. */
  isBusy: boolean;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
}

/**
 * Which items a list shows, and the way to the pages around them. Pages are history entries:
 * Previous goes back when the page was reached with Next; otherwise "First page" starts over.
 */
export const Pager = ({
  rangeId,
  from,
  count,
  firstPageUrl,
  hasPreviousPage,
  nextCursor,
  isBusy,
  onPrevious,
  onNext,
}: PagerProps) => (
  <nav className="pager" aria-label="Pages">
    {hasPreviousPage ? (
      <button type="button" className="secondary" onClick={onPrevious}>
        Previous
      </button>
    ) : (
      from > 1 && <Link to={firstPageUrl}>First page</Link>
    )}
    <span id={rangeId} aria-live="polite">
      {rangeText(from, count)}
    </span>
    {/* Busy is aria-disabled, not disabled: a disabled button would drop the keyboard focus. */}
    <button
      type="button"
      className="secondary"
      disabled={nextCursor === null}
      aria-disabled={isBusy}
      onClick={() => {
        if (nextCursor !== null && !isBusy) onNext(nextCursor);
      }}
    >
      Next
    </button>
  </nav>
);
