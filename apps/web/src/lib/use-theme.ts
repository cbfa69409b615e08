import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import {
  applyTheme,
  DARK_SCHEME_QUERY,
  readThemeChoice,
  resolveTheme,
  saveThemeChoice,
  THEME_STORAGE_KEY,
  type ThemeChoice,
} from './theme.js';

const darkScheme = (): MediaQueryList | undefined =>
  typeof window.matchMedia === 'function' ? window.matchMedia(DARK_SCHEME_QUERY) : undefined;

const subscribeToScheme = (onChange: () => void) => {
  const query = darkScheme();
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
};

const prefersDark = () => darkScheme()?.matches ?? false;

/**
 * The theme choice, remembered in localStorage and followed across tabs; System follows the
 * operating system's setting as it changes. Keeps <html data-theme> up to date.
 */
export const useTheme = () => {
  const [choice, setChoice] = useState<ThemeChoice>(() => readThemeChoice(window.localStorage));
  const isSystemDark = useSyncExternalStore(subscribeToScheme, prefersDark);
  const theme = resolveTheme(choice, isSystemDark);

  useEffect(() => {
    applyTheme(document.documentElement, theme);
  }, [theme]);

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === THEME_STORAGE_KEY || event.key === null) {
        setChoice(readThemeChoice(window.localStorage));
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const choose = useCallback((next: ThemeChoice) => {
    saveThemeChoice(window.localStorage, next);
    setChoice(next);
  }, []);

  return { choice, theme, choose };
};
