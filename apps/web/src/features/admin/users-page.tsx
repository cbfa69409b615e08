import { Link } from 'react-router';
import { ShelfApiError } from '@shelf/client';
import { Alert } from '../../components/alert.js';
import { QueryError } from '../../components/query-error.js';
import { SkeletonList } from '../../components/skeleton-list.js';
import { useSession } from '../../lib/session.js';
import { isAdminRequired } from './admin-problem-text.js';
import { AdminsOnly } from './admins-only.js';
import { DeleteUserDialog } from './delete-user-dialog.js';
import { useUserActions } from './use-user-actions.js';
import { useUserListUrl } from './use-user-list-url.js';
import { useUserPage } from './use-users.js';
import { UserPager } from './user-pager.js';
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

      {page.isPending && <SkeletonList label="Loading users…" />}
      {page.error instanceof ShelfApiError && page.error.status === 400 ? (
        <div className="alert alert-error" role="alert">
          <p>This list address is not valid any more.</p>
          <p>
            <Link to={firstPageUrl}>Go to the first page</Link>
          </p>
        </div>
      ) : (
        <QueryError
          error={page.error}
          failureCount={page.failureCount}
          isFetching={page.isFetching}
          onRetry={() => void page.refetch()}
        />
      )}
      {page.isSuccess && page.data.items.length === 0 && (
        <p role="status" className="empty">
          {state.cursor !== undefined
            ? 'There are no more users after this point.'
            : 'No users match your search.'}
        </p>
      )}
      {page.isSuccess && page.data.items.length > 0 && (
        <UserTable
          users={page.data.items}
          currentUserId={currentUserId}
          busyId={actions.busyId}
          isBusy={page.isPlaceholderData}
          onChange={actions.change}
          onDelete={actions.askDelete}
        />
      )}
      {page.isSuccess && (
        <UserPager
          from={page.data.from}
          count={page.data.items.length}
          firstPageUrl={firstPageUrl}
          hasPreviousPage={hasPreviousPage}
          nextCursor={page.data.next_cursor}
          isBusy={page.isPlaceholderData}
          onPrevious={goPrevious}
          onNext={(cursor) => {
            goNext({ q: state.q, cursor, from: page.data.from + page.data.items.length });
          }}
        />
      )}

      <DeleteUserDialog
        user={actions.userToDelete}
        isDeleting={actions.isDeleting}
        onConfirm={actions.confirmDelete}
        onCancel={actions.cancelDelete}
      />
    </section>
  );
};
