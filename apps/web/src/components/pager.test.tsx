import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { Pager } from './pager.js';

const renderPager = (props: { isBusy: boolean }) => {
  const onNext = vi.fn();
  render(
    <MemoryRouter>
      <Pager
        rangeId="range"
        from={21}
        count={20}
        firstPageUrl="/"
        hasPreviousPage={false}
        nextCursor="abc"
        onPrevious={vi.fn()}
        onNext={onNext}
        {...props}
      />
    </MemoryRouter>,
  );
  return { onNext, next: screen.getByRole('button', { name: 'Next' }) };
};

describe('Pager', () => {
  it('names the range shown and offers the first page and the next', () => {
    const { onNext, next } = renderPager({ isBusy: false });
    expect(document.getElementById('range')?.textContent).toBe('Showing 21–40');
    expect(screen.getByRole('link', { name: 'First page' }).getAttribute('href')).toBe('/');
    fireEvent.click(next);
    expect(onNext).toHaveBeenCalledWith('abc');
  });

  it('keeps Next focusable but inert while busy', () => {
    const { onNext, next } = renderPager({ isBusy: true });
    expect(next.hasAttribute('disabled')).toBe(false);
    expect(next.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(next);
    expect(onNext).not.toHaveBeenCalled();
  });
});
