import { Link, useNavigate, useParams } from 'react-router';
import { mayChangeBook, ShelfApiError, type Book } from '@shelf/client';
import { Alert } from '../../components/alert.js';
import { QueryError } from '../../components/query-error.js';
import { SkeletonList } from '../../components/skeleton-list.js';
import { useSession } from '../../lib/session.js';
import { BookNotFound } from './book-not-found.js';
import { ownerName } from './book-owner.js';
import { DeleteBookDialog } from './delete-book-dialog.js';
import { formatDateTime } from './format-date-time.js';
import { useListReturn } from './list-return.js';
import { useBook } from './use-books.js';
import { useDeleteFlow } from './use-delete-flow.js';

const BookDetails = ({ book, owner }: { book: Book; owner: string }) => (
  <dl className="details">
    <dt>Author</dt>
    <dd>{book.author}</dd>
    <dt>ISBN</dt>
    <dd>{book.isbn ?? '—'}</dd>
    <dt>Published</dt>
    <dd>{book.published_year ?? '—'}</dd>
    <dt>Tags</dt>
    <dd>{book.tags.length === 0 ? '—' : book.tags.join(', ')}</dd>
    <dt>Added by</dt>
    <dd>{owner}</dd>
    <dt>Added</dt>
    <dd>
      <time dateTime={book.created_at}>{formatDateTime(book.created_at)}</time>
    </dd>
    <dt>Last changed</dt>
    <dd>
      <time dateTime={book.updated_at}>{formatDateTime(book.updated_at)}</time>
    </dd>
  </dl>
);

/** One book with every field; Edit and Delete for those who may change it. */
export const BookPage = () => {
  const { id = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const back = useListReturn();
  const book = useBook(id);
  const deletion = useDeleteFlow(() => void navigate(back.url, { state: back.state }));

  if (book.error instanceof ShelfApiError && book.error.status === 404) {
    return <BookNotFound backTo={back.url} />;
  }
  const user = session.status === 'signed-in' ? session.user : undefined;
  const data = book.data?.book;
  return (
    <section className="card" aria-labelledby="book-title">
      <p>
        <Link to={back.url} state={back.state}>
          ← Back to the books
        </Link>
      </p>
      {data === undefined ? (
        <h1 id="book-title">Book</h1>
      ) : (
        <h1 id="book-title" className="wrap-anywhere">
          {data.title}
        </h1>
      )}
      {book.isPending && <SkeletonList label="Loading the book…" rows={4} />}
      <QueryError
        error={book.error}
        failureCount={book.failureCount}
        isFetching={book.isFetching}
        onRetry={() => void book.refetch()}
      />
      {deletion.error !== undefined && <Alert kind="error">{deletion.error}</Alert>}
      {data !== undefined && (
        <>
          <BookDetails book={data} owner={ownerName(data, user)} />
          {user !== undefined && mayChangeBook(user, data) && (
            <div className="actions">
              <Link className="button" to={`/books/${data.id}/edit`} state={back.linkState}>
                Edit
              </Link>
              <button type="button" className="danger" onClick={() => deletion.ask(data)}>
                Delete
              </button>
            </div>
          )}
        </>
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
