import type { ManagedUser } from '@shelf/client';
import { ConfirmDialog } from '../../components/confirm-dialog.js';

interface DeleteUserDialogProps {
  user: ManagedUser | undefined;
  isDeleting: boolean;
  onConfirm: (user: ManagedUser) => void;
  onCancel: () => void;
}

/** Asks before deleting an account and its books; Cancel has the focus. */
export const DeleteUserDialog = ({
  user,
  isDeleting,
  onConfirm,
  onCancel,
}: DeleteUserDialogProps) => (
  <ConfirmDialog
    isOpen={user !== undefined}
    title={`Delete ${user?.username ?? ''}?`}
    confirmLabel="Delete user"
    pendingLabel="Deleting…"
    isPending={isDeleting}
    onConfirm={() => {
      if (user !== undefined) onConfirm(user);
    }}
    onCancel={onCancel}
  >
    <p>Their account and every book they added will be deleted. This cannot be undone.</p>
  </ConfirmDialog>
);
