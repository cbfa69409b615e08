import type { Book } from '@shelf/client';
import { ConfirmDialog } from '../../components/confirm-dialog.js';

interface DeleteBookDialogProps {
  book: Book | undefined;
  isDeleting: boolean;
  onConfirm: (book: Book) => void;
  onCancel: () => void;
}

/** Asks before deleting a book; Cancel has the focus. */
export const DeleteBookDialog = ({
  book,
  isDeleting,
  onConfirm,
  onCancel,
}: DeleteBookDialogProps) => (
  <ConfirmDialog
    isOpen={book !== undefined}
    title={`Delete “${book?.title ?? ''}”?`}
    confirmLabel="Delete book"
    pendingLabel="Deleting…"
    isPending={isDeleting}
    onConfirm={() => {
      if (book !== undefined) onConfirm(book);
    }}
    onCancel={onCancel}
  >
    <p>This cannot be undone.</p>
  </ConfirmDialog>
);
