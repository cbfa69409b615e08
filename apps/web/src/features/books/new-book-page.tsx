import { useNavigate } from 'react-router';
import { useNotice } from '../../lib/notice.js';
import { BookForm } from './book-form.js';
import { EMPTY_BOOK_VALUES } from './book-form-values.js';
import { useListReturn } from './list-return.js';
import { useCreateBook } from './use-books.js';

export const NewBookPage = () => {
  const navigate = useNavigate();
  const { notify } = useNotice();
  const back = useListReturn();
  const createBook = useCreateBook();
  return (
    <section className="card" aria-labelledby="new-book-title">
      <h1 id="new-book-title">Add a book</h1>
      <BookForm
        initialValues={EMPTY_BOOK_VALUES}
        submitLabel="Add book"
        onSubmit={async (body) => {
          await createBook.mutateAsync(body);
          notify(`Added “${body.title.trim()}”.`, { afterNavigation: true });
          await navigate(back.url, { state: back.state });
        }}
        onCancel={() => void navigate(back.url, { state: back.state })}
      />
    </section>
  );
};
