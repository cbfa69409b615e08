import type { ManagedUser, UpdateUserBody } from '@shelf/client';
import { DeleteRowButton } from '../../components/delete-row-button.js';
import { ListTable } from '../../components/list-table.js';
import { formatDate } from './format-date.js';

interface UserTableProps {
  users: ManagedUser[];
  currentUserId: string;
  busyId: string | undefined;
  isBusy: boolean;
  onChange: (user: ManagedUser, body: UpdateUserBody) => void;
  onDelete: (user: ManagedUser) => void;
}

const COLUMNS = ['Username', 'Email', 'Role', 'Status', 'Created', 'Actions'];

/**
 * The accounts of one page with their actions: a table on wide screens, one card per account on
 * narrow ones (ListTable).
 */
export const UserTable = ({
  users,
  currentUserId,
  busyId,
  isBusy,
  onChange,
  onDelete,
}: UserTableProps) => (
  <ListTable className="user-table" columns={COLUMNS} isBusy={isBusy} describedBy="users-range">
    {users.map((user) => {
      const isAdmin = user.role === 'admin';
      const isPending = busyId === user.id;
      return (
        <tr key={user.id}>
          <th scope="row" className="cell-title">
            {user.username}
            {user.id === currentUserId && <span className="muted"> (you)</span>}
          </th>
          <td data-label="Email" className="cell-text">
            {user.email ?? <span className="muted">None</span>}
          </td>
          <td data-label="Role">{isAdmin ? 'Admin' : 'User'}</td>
          <td data-label="Status">
            <span className={user.disabled ? 'status status-disabled' : 'status'}>
              {user.disabled ? 'Disabled' : 'Active'}
            </span>
          </td>
          <td data-label="Created" className="cell-date">
            <time dateTime={user.created_at}>{formatDate(user.created_at)}</time>
          </td>
          <td className="cell-actions">
            <span className="row-actions">
              <button
                type="button"
                className="link"
                disabled={isPending}
                aria-label={`Make ${user.username} ${isAdmin ? 'a user' : 'an admin'}`}
                onClick={() => onChange(user, { role: isAdmin ? 'user' : 'admin' })}
              >
                {isAdmin ? 'Make user' : 'Make admin'}
              </button>
              <button
                type="button"
                className="link"
                disabled={isPending}
                aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.username}`}
                onClick={() => onChange(user, { disabled: !user.disabled })}
              >
                {user.disabled ? 'Enable' : 'Disable'}
              </button>
              <DeleteRowButton
                name={user.username}
                disabled={isPending}
                onDelete={() => onDelete(user)}
              />
            </span>
          </td>
        </tr>
      );
    })}
  </ListTable>
);
