import { useState } from 'react';
import type { ManagedUser, UpdateUserBody } from '@shelf/client';
import { useNotice } from '../../lib/notice.js';
import { adminProblemText } from './admin-problem-text.js';
import { useDeleteUser, useUpdateUser } from './use-users.js';

/** The notice an update earns, by what it changed. */
const changedText = (user: ManagedUser, body: UpdateUserBody): string => {
  if (body.role === 'admin') return `${user.username} is now an admin.`;
  if (body.role === 'user') return `${user.username} is now a user.`;
  if (body.disabled === true) {
    return `Disabled ${user.username}: they are signed out and can’t sign in until enabled again.`;
  }
  return `Enabled ${user.username}.`;
};

/**
 * Changing a role, disabling or enabling, and deleting after a confirmation: which user is being
 * changed, a notice after each success, and the problem in words after a failure.
 */
export const useUserActions = () => {
  const { notify } = useNotice();
  const updateUser = useUpdateUser();
  const deleteUser = useDeleteUser();
  const [busyId, setBusyId] = useState<string>();
  const [userToDelete, setUserToDelete] = useState<ManagedUser>();
  const [error, setError] = useState<string>();

  const change = (user: ManagedUser, body: UpdateUserBody) => {
    setError(undefined);
    setBusyId(user.id);
    updateUser.mutate(
      { id: user.id, body },
      {
        onSuccess: () => notify(changedText(user, body)),
        onError: (caught) => setError(adminProblemText(caught)),
        onSettled: () => setBusyId(undefined),
      },
    );
  };

  const confirmDelete = (user: ManagedUser) => {
    setError(undefined);
    deleteUser.mutate(user.id, {
      onSuccess: () => notify(`Deleted ${user.username} and their books.`),
      onError: (caught) => setError(adminProblemText(caught)),
      onSettled: () => setUserToDelete(undefined),
    });
  };

  return {
    busyId,
    error,
    change,
    userToDelete,
    askDelete: setUserToDelete,
    cancelDelete: () => setUserToDelete(undefined),
    confirmDelete,
    isDeleting: deleteUser.isPending,
  };
};
