import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ManagedUser } from '@shelf/client';
import { UserTable } from './user-table.js';

const carol: ManagedUser = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'carol',
  role: 'admin',
  email: 'carol@example.com',
  disabled: false,
  created_at: '2026-11-26T05:30:00.000Z',
};
const dave: ManagedUser = {
  ...carol,
  id: '00000000-0000-4000-8000-000000000002',
  username: 'dave',
  role: 'user',
  email: null,
  disabled: true,
};

const renderTable = () => {
  const onChange = vi.fn();
  const onDelete = vi.fn();
  render(
    <UserTable
      users={[carol, dave]}
      currentUserId={carol.id}
      busyId={undefined}
      isBusy={false}
      onChange={onChange}
      onDelete={onDelete}
    />,
  );
  return { onChange, onDelete };
};

const rowOf = (username: string): HTMLElement => {
  const row = screen.getByRole('rowheader', { name: username }).closest('tr');
  if (row === null) throw new Error(`no row for ${username}`);
  return row;
};

describe('UserTable', () => {
  it('shows each account’s username, email, role, status and creation date', () => {
    renderTable();
    const carolRow = rowOf('carol (you)');
    const daveRow = rowOf('dave');
    expect(carolRow.textContent).toContain('carol@example.com');
    expect(carolRow.textContent).toContain('Admin');
    expect(carolRow.textContent).toContain('Active');
    expect(carolRow.textContent).toContain('26 Nov 2026');
    expect(daveRow.textContent).toContain('None');
    expect(daveRow.textContent).toContain('Disabled');
  });

  it('offers the opposite role and status, and deletion, named for each account', () => {
    const { onChange, onDelete } = renderTable();
    fireEvent.click(screen.getByRole('button', { name: 'Make carol a user' }));
    expect(onChange).toHaveBeenLastCalledWith(carol, { role: 'user' });
    fireEvent.click(screen.getByRole('button', { name: 'Make dave an admin' }));
    expect(onChange).toHaveBeenLastCalledWith(dave, { role: 'admin' });
    fireEvent.click(screen.getByRole('button', { name: 'Disable carol' }));
    expect(onChange).toHaveBeenLastCalledWith(carol, { disabled: true });
    fireEvent.click(screen.getByRole('button', { name: 'Enable dave' }));
    expect(onChange).toHaveBeenLastCalledWith(dave, { disabled: false });
    fireEvent.click(screen.getByRole('button', { name: 'Delete dave' }));
    expect(onDelete).toHaveBeenCalledWith(dave);
  });
});
