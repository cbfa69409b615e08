import { useState } from 'react';
import type { Book } from '@shelf/client';
import { useNotice } from '../../lib/notice.js';
import { useDeleteBook } from './use-books.js';

/**
 * Asking, deleting and telling: which book awaits confirmation, and after the delete a
 * "Deleted “Title”" notice (on the page `afterDelete` navigates to, if it does).
 */
export const useDeleteFlow = (afterDelete?: () => void) => {
  const { notify } = useNotice();
  const deleteBook = useDeleteBook();
  const [bookToDelete, setBookToDelete] = useState<Book>();
  const [error, setError] = useState<string>();

  const confirm = (book: Book) => {
    setError(undefined);
    deleteBook.mutate(book.id, {
      onSuccess: () => {
        setBookToDelete(undefined);
        notify(`Deleted “${book.title}”.`, { afterNavigation: afterDelete !== undefined });
        afterDelete?.();
      },
      onError: (caught) => {
        setBookToDelete(undefined);
        setError(caught.message);
      },
    });
  };

  return {
    bookToDelete,
    ask: setBookToDelete,
    cancel: () => setBookToDelete(undefined),
    confirm,
    isDeleting: deleteBook.isPending,
    error,
  };
};
