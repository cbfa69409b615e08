import { useNavigate, useParams } from 'react-router';
import { Alert } from '../../components/alert.js';
import { BookForm } from './book-form.js';
import { useBook, useUpdateBook } from './use-books.js';

export const EditBookPage = () => {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const book = useBook(id);
  const updateBook = useUpdateBook(id);
  return (
    <section className="card" aria-labelledby="edit-book-title">
      <h1 id="edit-book-title">Edit book</h1>
      {book.isPending && (
        <p role="status" className="muted">
          Loading…
        </p>
      )}
      {book.isError && <Alert kind="error">{book.error.message}</Alert>}
      {book.isSuccess && (
        <BookForm
          book={book.data}
          submitLabel="Save changes"
          onSubmit={async (body) => {
            await updateBook.mutateAsync(body);
            await navigate('/', { state: { notice: `Saved “${body.title}”.` } });
          }}
          onCancel={() => void navigate('/')}
        />
      )}
    </section>
  );
};
