import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { tokenFromFragment, useFragmentToken } from './fragment-token.js';

describe('tokenFromFragment', () => {
  it('reads the token after #token=', () => {
    expect(tokenFromFragment('#token=abc_DEF-123')).toBe('abc_DEF-123');
    expect(tokenFromFragment('token=abc')).toBe('abc');
    expect(tokenFromFragment('#other=1&token=abc')).toBe('abc');
  });

  it('decodes what a mail client may have percent-encoded', () => {
    expect(tokenFromFragment('#token=a%2Bb')).toBe('a+b');
  });

  it('finds no token in an empty, cut or foreign fragment', () => {
    expect(tokenFromFragment('')).toBeUndefined();
    expect(tokenFromFragment('#')).toBeUndefined();
    expect(tokenFromFragment('#token=')).toBeUndefined();
    expect(tokenFromFragment('#tok')).toBeUndefined();
  });
});

const Probe = () => {
  const token = useFragmentToken();
  const location = useLocation();
  return (
    <p>
      token {token ?? 'none'}, address {location.pathname}
      {location.search}
      {location.hash}
    </p>
  );
};

const renderAt = (entry: string | { pathname: string; state: unknown }) =>
  render(
    <MemoryRouter initialEntries={[entry]}>
      <Routes>
        <Route path="/reset-password" element={<Probe />} />
      </Routes>
    </MemoryRouter>,
  );

describe('useFragmentToken', () => {
  it('takes the token out of the address, keeping it for a reload in the history entry', () => {
    renderAt('/reset-password#token=abc');
    expect(screen.getByText('token abc, address /reset-password')).toBeTruthy();
  });

  it('finds the token again in the history entry after a reload', () => {
    renderAt({ pathname: '/reset-password', state: { token: 'abc' } });
    expect(screen.getByText('token abc, address /reset-password')).toBeTruthy();
  });

  it('has no token when the link had none', () => {
    renderAt('/reset-password');
    expect(screen.getByText('token none, address /reset-password')).toBeTruthy();
  });
});
