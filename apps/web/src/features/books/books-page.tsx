import { Link } from 'react-router';
import { ShelfApiError } from '@shelf/client';
import { Alert } from '../../components/alert.js';
import { QueryError } from '../../components/query-error.js';
import { SkeletonList } from '../../components/skeleton-list.js';
import { useSession } from '../../lib/session.js';
import { BookFilters } from './book-filters.js';
import { withFilters, type BookListUrlState } from './book-list-url.js';
import { BookPager } from './book-pager.js';
import { BookTable } from './book-table.js';
import { DeleteBookDialog } from './delete-book-dialog.js';
import { useBookListUrl } from './use-book-list-url.js';
import { useBookPage } from './use-books.js';
import { useDeleteFlow } from './use-delete-flow.js';

/** What an empty page says, by what was asked. */
const emptyText = (state: BookListUrlState): string => {
  if (state.cursor !== undefined) return 'There are no more books after this point.';
  if (state.tag !== '' && state.q === '') return `No books are tagged “${state.tag}”.`;
  if (state.q !== '' || state.tag !== '') return 'No books match your search.';
  if (state.owner === 'me') return 'You have not added any books yet.';
  return 'No books yet. Add the first one!';
};

/** The catalogue: search, tag, owner and sort filters and cursor pages, all in the URL. */
export const BooksPage = () => {
  const session = useSession();
  const { state, linkState, firstPageUrl, hasPreviousPage, go, goNext, goPrevious } =
    useBookListUrl();
  const page = useBookPage(state);
  const deletion = useDeleteFlow();
  const user = session.status === 'signed-in' ? session.user : undefined;

  return (
    <section aria-labelledby="books-title">
      <div className="page-heading">
        <h1 id="books-title">Books</h1>
        <Link to="/books/new" state={linkState} className="button">
          Add a book
        </Link>
      </div>
      {deletion.error !== undefined && <Alert kind="error">{deletion.error}</Alert>}

      <BookFilters state={state} go={go} />

      {page.isPending && <SkeletonList label="Loading books…" />}
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
          {emptyText(state)}
        </p>
      )}
      {page.isSuccess && page.data.items.length > 0 && (
        <BookTable
          books={page.data.items}
          user={user}
          linkState={linkState}
          isBusy={page.isPlaceholderData}
          onTag={(tag) => go(withFilters(state, { tag }))}
          onDelete={deletion.ask}
        />
      )}
      {page.isSuccess && (
        <BookPager
          from={page.data.from}
          count={page.data.items.length}
          firstPageUrl={firstPageUrl}
          hasPreviousPage={hasPreviousPage}
          nextCursor={page.data.next_cursor}
          isBusy={page.isPlaceholderData}
          onPrevious={goPrevious}
          onNext={(cursor) => {
            goNext({ ...state, cursor, from: page.data.from + page.data.items.length });
          }}
        />
      )}

      <DeleteBookDialog
        book={deletion.bookToDelete}
        isDeleting={deletion.isDeleting}
        onConfirm={deletion.confirm}
        onCancel={deletion.cancel}
      />
    </section>
  );
};
