import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorSummary } from './error-summary.js';

describe('ErrorSummary', () => {
  it('renders nothing without errors', () => {
    const { container } = render(<ErrorSummary errors={[]} attempt={0} />);
    expect(container.innerHTML).toBe('');
  });

  it('takes the focus, names the problem and links each error to its field', () => {
    render(
      <>
        <ErrorSummary errors={[{ fieldId: 'title', message: 'Enter a title' }]} attempt={1} />
        <input id="title" aria-label="Title" />
      </>,
    );
    const summary = screen.getByRole('alert');
    expect(document.activeElement).toBe(summary);
    expect(screen.getByRole('heading', { name: 'There is a problem' }).tagName).toBe('H2');
    fireEvent.click(screen.getByRole('link', { name: 'Enter a title' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Title'));
  });
});
