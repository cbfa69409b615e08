import { Link, useParams } from 'react-router';
import { mayChangeBook, ShelfApiError } from '@shelf/client';
import { QueryError } from '../../components/query-error.js';
import { SkeletonList } from '../../components/skeleton-list.js';
import { useSession } from '../../lib/session.js';
import { BookNotFound } from './book-not-found.js';
import { EditBookForm } from './edit-book-form.js';
import { useListReturn } from './list-return.js';
import { useBook } from './use-books.js';

/** Editing a book: only for those who may change it, checked before any form is shown. */
export const EditBookPage = () => {
  const { id = '' } = useParams();
  const session = useSession();
  const back = useListReturn();
  const book = useBook(id);

  if (book.error instanceof ShelfApiError && book.error.status === 404) {
    return <BookNotFound backTo={back.url} />;
  }
  const user = session.status === 'signed-in' ? session.user : undefined;
  return (
    <section className="card" aria-labelledby="edit-book-title">
      <h1 id="edit-book-title">Edit book</h1>
      {book.isPending && <SkeletonList label="Loading the book…" rows={4} />}
      <QueryError
        error={book.error}
        failureCount={book.failureCount}
        isFetching={book.isFetching}
        onRetry={() => void book.refetch()}
      />
      {book.data !== undefined &&
        (user !== undefined && mayChangeBook(user, book.data.book) ? (
          <EditBookForm versioned={book.data} back={back} />
        ) : (
          <div className="alert alert-info" role="status">
            <p>
              You can’t edit “{book.data.book.title}”: only its owner or an admin may change it.
            </p>
            <p>
              <Link to={`/books/${id}`} state={back.linkState}>
                View the book
              </Link>{' '}
              or{' '}
              <Link to={back.url} state={back.state}>
                go back to the books
              </Link>
              .
            </p>
          </div>
        ))}
    </section>
  );
};
