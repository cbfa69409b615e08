import type { Book, User } from '@shelf/client';

/** The API's rule, mirrored so the UI only offers what will work: the owner or an admin. */
export const canChangeBook = (user: User, book: Book): boolean =>
  user.role === 'admin' || book.owner_id === user.id;
