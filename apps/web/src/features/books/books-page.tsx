import { Link } from 'react-router';
import { Alert } from '../../components/alert.js';
import { PagedList } from '../../components/paged-list.js';
import { useSession } from '../../lib/session.js';
import { BookFilters } from './book-filters.js';
import { withFilters, type BookListUrlState } from './book-list-url.js';
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

      <PagedList
        page={page}
        loadingLabel="Loading books…"
        emptyText={emptyText(state)}
        rangeId="page-range"
        firstPageUrl={firstPageUrl}
        hasPreviousPage={hasPreviousPage}
        onPrevious={goPrevious}
        onNext={goNext}
      >
        {(books, isBusy) => (
          <BookTable
            books={books}
            user={user}
            linkState={linkState}
            isBusy={isBusy}
            onTag={(tag) => go(withFilters(state, { tag }))}
            onDelete={deletion.ask}
          />
        )}
      </PagedList>

      <DeleteBookDialog
        book={deletion.bookToDelete}
        isDeleting={deletion.isDeleting}
        onConfirm={deletion.confirm}
        onCancel={deletion.cancel}
      />
    </section>
  );
};
