import { Link } from 'react-router';
import { mayChangeBook, type Book, type User } from '@shelf/client';
import { DeleteRowButton } from '../../components/delete-row-button.js';
import { ListTable } from '../../components/list-table.js';
import { ownerName } from './book-owner.js';
import type { ListReturnState } from './list-return.js';

interface BookTableProps {
  books: Book[];
  user: User | undefined;
  linkState: ListReturnState;
  isBusy: boolean;
  onTag: (tag: string) => void;
  onDelete: (book: Book) => void;
}

const COLUMNS = ['Title', 'Author', 'Year', 'Tags', 'Owner', 'Actions'];

/** The books of one page: a table on wide screens, one card per book on narrow ones (ListTable). */
export const BookTable = ({ books, user, linkState, isBusy, onTag, onDelete }: BookTableProps) => (
  <ListTable className="book-table" columns={COLUMNS} isBusy={isBusy} describedBy="page-range">
    {books.map((book) => (
      <tr key={book.id}>
        <th scope="row" className="cell-title">
          <Link to={`/books/${book.id}`} state={linkState}>
            {book.title}
          </Link>
        </th>
        <td data-label="Author" className="cell-text">
          {book.author}
        </td>
        <td data-label="Year" className="cell-year">
          {book.published_year ?? '—'}
        </td>
        <td data-label="Tags" className="cell-tags">
          {book.tags.length > 0 && (
            <ul className="tags" aria-label="Tags">
              {book.tags.map((tag) => (
                <li key={tag}>
                  <button
                    type="button"
                    className="tag"
                    aria-label={`Show books tagged ${tag}`}
                    onClick={() => onTag(tag)}
                  >
                    {tag}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </td>
        <td data-label="Owner" className="cell-text">
          {ownerName(book, user)}
        </td>
        <td className="cell-actions">
          {user !== undefined && mayChangeBook(user, book) && (
            <span className="row-actions">
              <Link
                to={`/books/${book.id}/edit`}
                state={linkState}
                aria-label={`Edit ${book.title}`}
              >
                Edit
              </Link>
              <DeleteRowButton name={book.title} onDelete={() => onDelete(book)} />
            </span>
          )}
        </td>
      </tr>
    ))}
  </ListTable>
);
