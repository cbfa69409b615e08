import { act, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, useNavigate } from 'react-router';
import { describe, expect, it } from 'vitest';
import { NoticeProvider, useNotice } from './notice.js';

const Probe = () => {
  const { notice, notify } = useNotice();
  const navigate = useNavigate();
  return (
    <>
      <p data-testid="notice">{notice ?? 'none'}</p>
      <button type="button" onClick={() => notify('Deleted “A”.')}>
        here
      </button>
      <button
        type="button"
        onClick={() => {
          notify('Saved “B”.', { afterNavigation: true });
          void navigate('/list');
        }}
      >
        there
      </button>
      <button type="button" onClick={() => void navigate('/elsewhere')}>
        move
      </button>
    </>
  );
};

const renderProbe = () =>
  render(
    <MemoryRouter>
      <NoticeProvider>
        <Probe />
      </NoticeProvider>
    </MemoryRouter>,
  );

const noticeText = () => screen.getByTestId('notice').textContent;

describe('notices', () => {
  it('show on the current page until the next navigation', () => {
    renderProbe();
    fireEvent.click(screen.getByRole('button', { name: 'here' }));
    expect(noticeText()).toBe('Deleted “A”.');
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'move' }));
    });
    expect(noticeText()).toBe('none');
  });

  it('raised before navigating, show on the next page and clear after it', () => {
    renderProbe();
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'there' }));
    });
    expect(noticeText()).toBe('Saved “B”.');
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'move' }));
    });
    expect(noticeText()).toBe('none');
  });
});
