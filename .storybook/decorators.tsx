import type { Decorator } from '@storybook/react-vite';
import { defaultMessages, type Messages } from '../src/i18n/messages.en';
import { MessagesProvider } from '../src/react/messages';
import { deMessages } from '../stories/messages.de';

/** The narrowest layout the components support; `globals: { viewport: { value: NARROW_VIEWPORT } }`. */
export const NARROW_VIEWPORT = 'rcw360';

/** The theme toolbar's values: the default theme, its dark variant, and a host brand made of --rcw-* overrides. */
export const THEMES = ['light', 'dark', 'brand'] as const;
export type ThemeName = (typeof THEMES)[number];

/** The locale toolbar's dictionaries. */
export const DICTIONARIES = { en: defaultMessages, de: deMessages } satisfies Record<string, Messages>;
export type LocaleName = keyof typeof DICTIONARIES;

function themeOf(value: unknown): ThemeName {
  return (THEMES as readonly unknown[]).includes(value) ? (value as ThemeName) : 'light';
}

function localeOf(value: unknown): LocaleName {
  return typeof value === 'string' && Object.hasOwn(DICTIONARIES, value) ? (value as LocaleName) : 'en';
}

/**
 * Applies the `theme` and `locale` globals. The theme goes on the story's frame and, in story view, on <html> too:
 * Radix portals the dialog to <body>, outside the frame, and it must inherit the same --rcw-* variables. The
 * dictionary reaches every component through the same context the wizard uses for its steps, so the toolbar
 * translates composite stories (Overview grids) too; a story's own `messages` prop still wins, as for a host.
 */
export const withThemeAndLocale: Decorator = (Story, context) => {
  const theme = themeOf(context.globals.theme);
  const locale = localeOf(context.globals.locale);
  // A story that passes a dictionary through the `messages` prop says which language it is in.
  const lang = typeof context.parameters.lang === 'string' ? context.parameters.lang : locale;
  if (context.viewMode !== 'docs' && typeof document !== 'undefined') {
    document.documentElement.setAttribute('data-rcw-theme', theme);
    document.documentElement.lang = lang;
  }
  return (
    <div className="rcw-sb-frame" data-rcw-theme={theme} lang={lang}>
      <MessagesProvider messages={DICTIONARIES[locale]}>
        <Story />
      </MessagesProvider>
    </div>
  );
};
