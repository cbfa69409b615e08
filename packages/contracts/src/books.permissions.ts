import type { Role } from './auth.contract.js';
import type { Book } from './books.contract.js';

/** The part of a caller the book rules look at: a `User`, or the API's authenticated caller. */
export interface BookActor {
  id: string;
  role: Role;
}

/**
 * True when `actor` may change or delete any book, whoever owns it: admins may.
 *
 * @example
 * mayChangeEveryBook({ id: adminId, role: 'admin' }); // true
 */
export const mayChangeEveryBook = (actor: Pick<BookActor, 'role'>): boolean =>
  actor.role === 'admin';

/**
 * The ownership rule: a book may be changed or deleted by its owner or by an admin. The API enforces
 * it; the web app asks it so it offers only what will work.
 *
 * @example
 * mayChangeBook({ id: 'u1', role: 'user' }, { owner_id: 'u1' }); // true
 * mayChangeBook({ id: 'u2', role: 'user' }, { owner_id: 'u1' }); // false
 * mayChangeBook({ id: 'u2', role: 'admin' }, { owner_id: 'u1' }); // true
 */
export const mayChangeBook = (actor: BookActor, book: Pick<Book, 'owner_id'>): boolean =>
  mayChangeEveryBook(actor) || book.owner_id === actor.id;
