import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ShelfApiError } from '@shelf/client';
import { NewUserForm } from './new-user-form.js';

const fill = (label: string, value: string) => {
  fireEvent.change(screen.getByLabelText(label, { exact: false }), { target: { value } });
};

const summaryLinks = () =>
  Array.from(screen.getByRole('alert').querySelectorAll('a'), (link) => link.textContent);

describe('NewUserForm', () => {
  it('lists the contract’s messages in the summary and sends nothing', () => {
    const onCreate = vi.fn<() => Promise<void>>();
    render(<NewUserForm onCreate={onCreate} onCancel={vi.fn()} />);
    fill('Email', 'nope');
    fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
    expect(summaryLinks()).toEqual([
      'Username must be 3-32 characters: lower-case letters, digits, _ . or -',
      'Password must be at least 8 characters',
      'Enter an email address, like name@example.com',
    ]);
    expect(document.activeElement).toBe(screen.getByRole('alert'));
    expect(onCreate).not.toHaveBeenCalled();
  });

  it('sends the account, leaving out an empty email, with the chosen role', async () => {
    const onCreate = vi.fn<() => Promise<void>>().mockResolvedValue();
    render(<NewUserForm onCreate={onCreate} onCancel={vi.fn()} />);
    fill('Username', 'carol');
    fill('Password', 'a long secret');
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'admin' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
    await waitFor(() => {
      expect(onCreate).toHaveBeenCalledWith({
        username: 'carol',
        password: 'a long secret',
        role: 'admin',
      });
    });
  });

  it('shows a taken username by its field', async () => {
    const taken = new ShelfApiError(409, {
      type: 'urn:shelf:problem:username-taken',
      title: 'Conflict',
      status: 409,
      detail: 'The username is taken',
      code: 'username-taken',
    });
    render(<NewUserForm onCreate={vi.fn().mockRejectedValue(taken)} onCancel={vi.fn()} />);
    fill('Username', 'alice');
    fill('Password', 'a long secret');
    fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
    await waitFor(() => {
      expect(summaryLinks()).toEqual(['This username is taken']);
    });
    expect(screen.getByLabelText('Username', { exact: false }).getAttribute('aria-invalid')).toBe(
      'true',
    );
  });
});
