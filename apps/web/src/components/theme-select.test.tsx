import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { THEME_STORAGE_KEY } from '../lib/theme.js';
import { ThemeSelect } from './theme-select.js';

/** A system colour scheme the test can switch, as the OS setting would. */
const fakeSystemScheme = (initiallyDark: boolean) => {
  const listeners = new Set<() => void>();
  const query = {
    matches: initiallyDark,
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  };
  vi.spyOn(window, 'matchMedia').mockReturnValue(query as unknown as MediaQueryList);
  return (isDark: boolean) => {
    query.matches = isDark;
    act(() => {
      for (const listener of listeners) listener();
    });
  };
};

const theme = () => document.documentElement.dataset.theme;

describe('ThemeSelect', () => {
  beforeEach(() => {
    localStorage.clear();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('follows the system while System is chosen, as the system changes', () => {
    const setSystemDark = fakeSystemScheme(false);
    render(<ThemeSelect />);
    expect(screen.getByLabelText('Theme')).toHaveProperty('value', 'system');
    expect(theme()).toBe('light');
    setSystemDark(true);
    expect(theme()).toBe('dark');
  });

  it('applies and remembers Light or Dark, whatever the system prefers', () => {
    const setSystemDark = fakeSystemScheme(true);
    render(<ThemeSelect />);
    fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'light' } });
    expect(theme()).toBe('light');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
    setSystemDark(false);
    fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'dark' } });
    expect(theme()).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
  });

  it('starts from the remembered choice', () => {
    fakeSystemScheme(false);
    localStorage.setItem(THEME_STORAGE_KEY, 'dark');
    render(<ThemeSelect />);
    expect(screen.getByLabelText('Theme')).toHaveProperty('value', 'dark');
    expect(theme()).toBe('dark');
  });
});
