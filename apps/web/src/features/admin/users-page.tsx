import { Link } from 'react-router';
import { Alert } from '../../components/alert.js';
import { PagedList } from '../../components/paged-list.js';
import { useSession } from '../../lib/session.js';
import { isAdminRequired } from './admin-problem-text.js';
import { AdminsOnly } from './admins-only.js';
import { DeleteUserDialog } from './delete-user-dialog.js';
import { useUserActions } from './use-user-actions.js';
import { useUserListUrl } from './use-user-list-url.js';
import { useUserPage } from './use-users.js';
import { UserSearch } from './user-search.js';
import { UserTable } from './user-table.js';

/** Admins' list of accounts: search and cursor pages in the URL, and each account's actions. */
export const UsersPage = () => {
  const session = useSession();
  const { state, firstPageUrl, hasPreviousPage, search, goNext, goPrevious } = useUserListUrl();
  const page = useUserPage(state);
  const actions = useUserActions();
  const currentUserId = session.status === 'signed-in' ? session.user.id : '';

  if (isAdminRequired(page.error)) return <AdminsOnly />;

  return (
    <section aria-labelledby="users-title">
      <div className="page-heading">
        <h1 id="users-title">Users</h1>
        <Link to="/admin/users/new" className="button">
          New user
        </Link>
      </div>
      {actions.error !== undefined && <Alert kind="error">{actions.error}</Alert>}

      <UserSearch q={state.q} onSearch={search} />

      <PagedList
        page={page}
        loadingLabel="Loading users…"
        emptyText={
          state.cursor !== undefined
            ? 'There are no more users after this point.'
            : 'No users match your search.'
        }
        rangeId="users-range"
        firstPageUrl={firstPageUrl}
        hasPreviousPage={hasPreviousPage}
        onPrevious={goPrevious}
        onNext={goNext}
      >
        {(users, isBusy) => (
          <UserTable
            users={users}
            currentUserId={currentUserId}
            busyId={actions.busyId}
            isBusy={isBusy}
            onChange={actions.change}
            onDelete={actions.askDelete}
          />
        )}
      </PagedList>

      <DeleteUserDialog
        user={actions.userToDelete}
        isDeleting={actions.isDeleting}
        onConfirm={actions.confirmDelete}
        onCancel={actions.cancelDelete}
      />
    </section>
  );
};
