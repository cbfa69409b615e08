import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CreateBookBodySchema, ShelfApiError } from '@shelf/client';
import { BookForm } from './book-form.js';
import { EMPTY_BOOK_VALUES } from './book-form-values.js';

vi.mock('./use-tags.js', () => ({ useTagSuggestions: () => ['sf', 'science'] }));

type Submit = (body: unknown) => Promise<void>;

const renderForm = (onSubmit = vi.fn<Submit>(() => Promise.resolve())) => {
  render(
    <BookForm
      initialValues={EMPTY_BOOK_VALUES}
      submitLabel="Add book"
      onSubmit={onSubmit}
      onCancel={vi.fn()}
    />,
  );
  return onSubmit;
};

const fill = (label: RegExp, value: string) => {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
};

const contractMessage = (field: string) => {
  const issue = CreateBookBodySchema.safeParse({ title: '', author: '' }).error?.issues.find(
    (found) => found.path[0] === field,
  );
  return issue?.message ?? 'none';
};

describe('BookForm', () => {
  it('marks the required fields', () => {
    renderForm();
    expect(screen.getByLabelText(/^Title/).hasAttribute('required')).toBe(true);
    expect(screen.getByText('Title').textContent).toContain('(required)');
    expect(screen.getByLabelText(/^ISBN/).hasAttribute('required')).toBe(false);
  });

  it('refuses an invalid book with the contract’s messages, focusing the summary', () => {
    const onSubmit = renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Add book' }));
    const summary = screen.getByRole('alert');
    expect(document.activeElement).toBe(summary);
    const links = screen.getAllByRole('link');
    expect(links.map((link) => [link.getAttribute('href'), link.textContent])).toEqual([
      ['#book-title', contractMessage('title')],
      ['#book-author', contractMessage('author')],
    ]);
    expect(screen.getByLabelText(/^Title/).getAttribute('aria-invalid')).toBe('true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends a valid book as the API’s body', async () => {
    const onSubmit = renderForm();
    fill(/^Title/, 'The Dispossessed');
    fill(/^Author/, 'Ursula K. Le Guin');
    fill(/^Published year/, '1974');
    fill(/^Tags/, 'sf, anarchy');
    fireEvent.click(screen.getByRole('button', { name: 'Add book' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      title: 'The Dispossessed',
      author: 'Ursula K. Le Guin',
      isbn: null,
      published_year: 1974,
      tags: ['sf', 'anarchy'],
    });
  });

  it('shows the API’s field errors by their fields', async () => {
    renderForm(
      vi.fn<Submit>(() =>
        Promise.reject(
          new ShelfApiError(400, {
            type: 'urn:shelf:problem:validation-failed',
            title: 'Bad Request',
            status: 400,
            detail: 'Invalid body',
            code: 'validation-failed',
            errors: [{ path: 'body.author', message: 'Enter the author’s name' }],
          }),
        ),
      ),
    );
    fill(/^Title/, 'T');
    fill(/^Author/, 'A');
    fireEvent.click(screen.getByRole('button', { name: 'Add book' }));
    expect(await screen.findByRole('link', { name: 'Enter the author’s name' })).toBeTruthy();
    expect(screen.getByLabelText(/^Author/).getAttribute('aria-invalid')).toBe('true');
  });

  it('offers known tags, completing the last one typed', () => {
    renderForm();
    fill(/^Tags/, 'classic, s');
    const options = [...document.querySelectorAll('#book-tags-suggestions option')].map((option) =>
      option.getAttribute('value'),
    );
    expect(options).toEqual(['classic, sf', 'classic, science']);
  });
});
