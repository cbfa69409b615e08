import { useNavigate } from 'react-router';
import { useNotice } from '../../lib/notice.js';
import { NewUserForm } from './new-user-form.js';
import { useCreateUser } from './use-users.js';
import { USERS_PATH, userListUrl, withSearch } from './user-list-url.js';

/** An admin creates an account, then sees it in the list, with a notice. */
export const NewUserPage = () => {
  const navigate = useNavigate();
  const { notify } = useNotice();
  const createUser = useCreateUser();
  return (
    <section className="card" aria-labelledby="new-user-title">
      <h1 id="new-user-title">New user</h1>
      <NewUserForm
        onCreate={async (body) => {
          const created = await createUser.mutateAsync(body);
          notify(`Created ${created.username}.`, { afterNavigation: true });
          await navigate(userListUrl(withSearch(created.username)));
        }}
        onCancel={() => void navigate(USERS_PATH)}
      />
    </section>
  );
};
