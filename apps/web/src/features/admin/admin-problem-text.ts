import { ShelfApiError } from '@shelf/client';
import { NETWORK_ERROR_TEXT } from '../../lib/network-error.js';

/** What a failed admin action tells the admin, in words rather than codes. */
export const adminProblemText = (caught: unknown): string => {
  if (!(caught instanceof ShelfApiError)) return NETWORK_ERROR_TEXT;
  switch (caught.code) {
    case 'last-admin':
      return 'Shelf needs at least one active admin. Make another user an admin first.';
    case 'user-not-found':
      return 'This user no longer exists. The list has been updated.';
    case 'admin-required':
      return 'Only admins can manage users.';
    default:
      return caught.detail;
  }
};

/** True when the API refused the caller because they are not (or no longer) an admin. */
export const isAdminRequired = (caught: unknown): boolean =>
  caught instanceof ShelfApiError && caught.code === 'admin-required';
