import { useEffect, useRef } from 'react';
import type { Book } from '@shelf/client';

interface DeleteBookDialogProps {
  book: Book | undefined;
  isDeleting: boolean;
  onConfirm: (book: Book) => void;
  onCancel: () => void;
}

/** A modal confirmation (native <dialog>: focus trapped, Escape cancels) before a delete. */
export const DeleteBookDialog = ({
  book,
  isDeleting,
  onConfirm,
  onCancel,
}: DeleteBookDialogProps) => {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (book !== undefined && !element.open) element.showModal();
    if (book === undefined && element.open) element.close();
  }, [book]);

  return (
    <dialog ref={dialog} aria-labelledby="delete-title" onCancel={onCancel} className="dialog">
      {book !== undefined && (
        <>
          <h2 id="delete-title">Delete “{book.title}”?</h2>
          <p>This cannot be undone.</p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={isDeleting}
              onClick={() => onConfirm(book)}
            >
              {isDeleting ? 'Deleting…' : 'Delete'}
            </button>
            <button type="button" className="secondary" onClick={onCancel} autoFocus>
              Keep it
            </button>
          </div>
        </>
      )}
    </dialog>
  );
};
