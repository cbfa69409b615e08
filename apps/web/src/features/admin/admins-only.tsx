import { NotFound } from '../../components/not-found.js';

/** What someone who is not an admin sees at an admin page. */
export const AdminsOnly = () => (
  <NotFound
    title="Admins only"
    text="Only an admin can manage users. If you need an account changed, ask an admin."
    backTo="/"
    backLabel="Back to the books"
  />
);
