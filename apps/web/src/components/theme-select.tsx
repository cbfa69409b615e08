import { THEME_CHOICES, type ThemeChoice } from '../lib/theme.js';
import { useTheme } from '../lib/use-theme.js';

const LABELS: Record<ThemeChoice, string> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
};

/** The header's theme control: Light, Dark, or System (the operating system's setting). */
export const ThemeSelect = () => {
  const { choice, choose } = useTheme();
  return (
    <span className="theme-select">
      <label htmlFor="theme-choice">Theme</label>
      <select
        id="theme-choice"
        value={choice}
        onChange={(event) => {
          const next = THEME_CHOICES.find((option) => option === event.target.value);
          if (next !== undefined) choose(next);
        }}
      >
        {THEME_CHOICES.map((option) => (
          <option key={option} value={option}>
            {LABELS[option]}
          </option>
        ))}
      </select>
    </span>
  );
};
