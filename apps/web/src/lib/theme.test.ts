import indexHtml from '../../index.html?raw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  readThemeChoice,
  resolveTheme,
  saveThemeChoice,
  THEME_CHOICES,
  THEME_STORAGE_KEY,
} from './theme.js';

const prefersDark = (matches: boolean) => {
  vi.spyOn(window, 'matchMedia').mockReturnValue({ matches } as MediaQueryList);
};

/** index.html's inline script, the one that runs before the app. */
const runIndexScript = () => {
  const script = /<script>([\s\S]*?)<\/script>/.exec(indexHtml)?.[1];
  if (script === undefined) throw new Error('index.html has no inline script');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- index.html's own script, as a browser runs it
  const run = new Function(script) as () => void;
  run();
  return document.documentElement.dataset.theme;
};

describe('theme choice', () => {
  afterEach(() => {
    localStorage.clear();
    vi.restoreAllMocks();
  });

  it('is System unless Light or Dark was stored', () => {
    expect(readThemeChoice(localStorage)).toBe('system');
    localStorage.setItem(THEME_STORAGE_KEY, 'dark');
    expect(readThemeChoice(localStorage)).toBe('dark');
    localStorage.setItem(THEME_STORAGE_KEY, 'sepia');
    expect(readThemeChoice(localStorage)).toBe('system');
  });

  it('is System when storage refuses to be read', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(readThemeChoice(refusing)).toBe('system');
  });

  it('is remembered, System as no stored choice at all', () => {
    saveThemeChoice(localStorage, 'light');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
    saveThemeChoice(localStorage, 'system');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
  });

  it('resolves System by the system’s preference, and the others as themselves', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('is applied by index.html before the app loads exactly as the app resolves it', () => {
    for (const stored of [...THEME_CHOICES, 'sepia']) {
      for (const isDark of [true, false]) {
        localStorage.setItem(THEME_STORAGE_KEY, stored);
        prefersDark(isDark);
        expect(runIndexScript(), `${stored}, system dark: ${String(isDark)}`).toBe(
          resolveTheme(readThemeChoice(localStorage), isDark),
        );
      }
    }
    localStorage.clear();
    prefersDark(true);
    expect(runIndexScript()).toBe('dark');
  });
});
