import type { Book, User } from '@shelf/client';

/** Who owns a book, as the list and book page say it: "you" for the reader's own books. */
export const ownerName = (book: Book, user: Pick<User, 'id'> | undefined): string =>
  user !== undefined && book.owner_id === user.id ? 'you' : book.owner_username;
