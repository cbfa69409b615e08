/**
 * The colour theme: what the user chose (Light, Dark, or System, which follows the operating
 * system's `prefers-color-scheme`) and the theme that choice resolves to. index.html applies the
 * same rule before the app loads, so the first paint is already in the right theme; theme.test.ts
 * holds the two to one behaviour.
 */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;

export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'light' | 'dark';

/** The localStorage key of the choice (index.html reads the same key). */
export const THEME_STORAGE_KEY = 'shelf-theme';

export const DARK_SCHEME_QUERY = '(prefers-color-scheme: dark)';

const isThemeChoice = (value: unknown): value is ThemeChoice =>
  THEME_CHOICES.some((choice) => choice === value);

/** The stored choice; System when none is stored, it is unknown, or storage is unavailable. */
export const readThemeChoice = (storage: Pick<Storage, 'getItem'> | undefined): ThemeChoice => {
  try {
    const stored = storage?.getItem(THEME_STORAGE_KEY);
    return isThemeChoice(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
};

/** Remembers the choice; System is the default, so it is stored as no choice at all. */
export const saveThemeChoice = (
  storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined,
  choice: ThemeChoice,
): void => {
  try {
    if (choice === 'system') storage?.removeItem(THEME_STORAGE_KEY);
    else storage?.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Private modes may refuse storage: the choice then lasts until the page is closed.
  }
};

/** The theme a choice shows, given whether the system prefers dark. */
export const resolveTheme = (choice: ThemeChoice, prefersDark: boolean): Theme =>
  choice === 'system' ? (prefersDark ? 'dark' : 'light') : choice;

/** Shows a theme: `data-theme` on <html>, which styles.css keys its colours on. */
export const applyTheme = (root: HTMLElement, theme: Theme): void => {
  root.dataset.theme = theme;
};
