import { useNavigate } from 'react-router';
import { BookForm } from './book-form.js';
import { useCreateBook } from './use-books.js';

export const NewBookPage = () => {
  const navigate = useNavigate();
  const createBook = useCreateBook();
  return (
    <section className="card" aria-labelledby="new-book-title">
      <h1 id="new-book-title">Add a book</h1>
      <BookForm
        submitLabel="Add book"
        onSubmit={async (body) => {
          await createBook.mutateAsync(body);
          await navigate('/', { state: { notice: `Added “${body.title}”.` } });
        }}
        onCancel={() => void navigate('/')}
      />
    </section>
  );
};
