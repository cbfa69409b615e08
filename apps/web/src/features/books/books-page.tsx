import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { BOOK_SORTS, mayChangeBook, type Book, type BookSort } from '@shelf/client';
import { Alert } from '../../components/alert.js';
import { Field } from '../../components/field.js';
import { useSession } from '../../lib/session.js';
import { useDebouncedValue } from '../../lib/use-debounced-value.js';
import { DeleteBookDialog } from './delete-book-dialog.js';
import { useBookPage, useDeleteBook } from './use-books.js';

const PAGE_SIZE = 10;

const SORT_LABELS: Record<BookSort, string> = {
  '-created_at': 'Newest first',
  created_at: 'Oldest first',
  title: 'Title A-Z',
  '-title': 'Title Z-A',
  '-published_year': 'Year, newest',
  published_year: 'Year, oldest',
};

/** The catalogue: search, sort, tag filter, and cursor pages back and forth. */
export const BooksPage = () => {
  const session = useSession();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [sort, setSort] = useState<BookSort>('-created_at');
  /** Cursors of the pages before the current one; the last entry is the current page's cursor. */
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [bookToDelete, setBookToDelete] = useState<Book>();
  const [deleteError, setDeleteError] = useState<string>();

  const q = useDebouncedValue(search.trim(), 300);
  const tagFilter = useDebouncedValue(tag.trim(), 300);
  const cursor = cursors.at(-1);
  const page = useBookPage({ q, tag: tagFilter, sort, cursor, limit: PAGE_SIZE });
  const deleteBook = useDeleteBook();
  const pageNumber = cursors.length;
  const user = session.status === 'signed-in' ? session.user : undefined;

  const resetPaging = () => setCursors([undefined]);

  const confirmDelete = (book: Book) => {
    setDeleteError(undefined);
    deleteBook.mutate(book.id, {
      onSuccess: () => {
        setBookToDelete(undefined);
        if (page.data?.items.length === 1 && cursors.length > 1)
          setCursors((all) => all.slice(0, -1));
      },
      onError: (error) => {
        setBookToDelete(undefined);
        setDeleteError(error.message);
      },
    });
  };

  return (
    <section aria-labelledby="books-title">
      <div className="page-heading">
        <h1 id="books-title">Books</h1>
        <Link to="/books/new" className="button">
          Add a book
        </Link>
      </div>
      {notice !== undefined && <Alert kind="info">{notice}</Alert>}
      {deleteError !== undefined && <Alert kind="error">{deleteError}</Alert>}

      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <Field
          label="Search title or author"
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            resetPaging();
          }}
        />
        <Field
          label="Filter by tag"
          value={tag}
          onChange={(event) => {
            setTag(event.target.value);
            resetPaging();
          }}
        />
        <div className="field">
          <label htmlFor="sort">Sort by</label>
          <select
            id="sort"
            value={sort}
            onChange={(event) => {
              setSort(event.target.value as BookSort);
              resetPaging();
            }}
          >
            {BOOK_SORTS.map((option) => (
              <option key={option} value={option}>
                {SORT_LABELS[option]}
              </option>
            ))}
          </select>
        </div>
      </form>

      {page.isPending && (
        <p role="status" className="muted">
          Loading books…
        </p>
      )}
      {page.isError && <Alert kind="error">Could not load books: {page.error.message}</Alert>}
      {page.isSuccess && page.data.items.length === 0 && (
        <p role="status" className="empty">
          {q === '' && tagFilter === ''
            ? 'No books yet. Add the first one!'
            : 'No books match your search.'}
        </p>
      )}
      {page.isSuccess && page.data.items.length > 0 && (
        <div className="table-wrap">
          <table aria-busy={page.isFetching} aria-describedby="page-status">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Author</th>
                <th scope="col">Year</th>
                <th scope="col">Tags</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((book) => (
                <tr key={book.id}>
                  <th scope="row">{book.title}</th>
                  <td>{book.author}</td>
                  <td>{book.published_year ?? '—'}</td>
                  <td>
                    <ul className="tags" aria-label="Tags">
                      {book.tags.map((bookTag) => (
                        <li key={bookTag}>
                          <button
                            type="button"
                            className="tag"
                            onClick={() => {
                              setTag(bookTag);
                              resetPaging();
                            }}
                          >
                            {bookTag}
                          </button>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="row-actions">
                    {user !== undefined && mayChangeBook(user, book) && (
                      <>
                        <Link to={`/books/${book.id}/edit`} aria-label={`Edit ${book.title}`}>
                          Edit
                        </Link>
                        <button
                          type="button"
                          className="link danger"
                          aria-label={`Delete ${book.title}`}
                          onClick={() => setBookToDelete(book)}
                        >
                          Delete
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav className="pager" aria-label="Pages">
        <button
          type="button"
          className="secondary"
          disabled={cursors.length <= 1}
          onClick={() => setCursors((all) => all.slice(0, -1))}
        >
          Previous
        </button>
        <span id="page-status" aria-live="polite">
          Page {pageNumber}
        </span>
        <button
          type="button"
          className="secondary"
          disabled={page.data?.next_cursor == null || page.isPlaceholderData}
          onClick={() => {
            const next = page.data?.next_cursor;
            if (next != null) setCursors((all) => [...all, next]);
          }}
        >
          Next
        </button>
      </nav>

      <DeleteBookDialog
        book={bookToDelete}
        isDeleting={deleteBook.isPending}
        onConfirm={confirmDelete}
        onCancel={() => setBookToDelete(undefined)}
      />
    </section>
  );
};
