import { NotFound } from '../../components/not-found.js';

/** What a book's pages show when the book does not exist (404): the way back to the list. */
export const BookNotFound = ({ backTo }: { backTo: string }) => (
  <NotFound
    title="Book not found"
    text="This book does not exist. It may have been deleted."
    backTo={backTo}
  />
);
