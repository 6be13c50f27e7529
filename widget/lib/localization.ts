import { configureLocalization, type LocaleModule } from '@lit/localize';

/** The languages the widget speaks; English is the source. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** Translations of another entry's own messages (the admin page's), loaded with the widget's. */
const extra: ((locale: string) => Promise<LocaleModule>)[] = [];

/**
 * The widget's language switch. A translation is a chunk of its own beside the bundle, loaded
 * the first time it is needed: English pages never pay for French.
 * @example await setLocale('fr');
 */
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['fr'],
  loadLocale: async (locale) => {
    const modules = await Promise.all([import('../locales/fr.js'), ...extra.map((load) => load(locale))]);
    return { templates: Object.assign({}, ...modules.map((m) => m.templates)) };
  },
});

/**
 * Adds a second entry's translations (only its own messages) to the widget's, so the widget
 * bundle never carries them. Call it before the first `setLocale`.
 * @example addTranslations(() => import('../admin/locales/fr.js'));
 */
export const addTranslations = (load: (locale: string) => Promise<LocaleModule>): void => {
  extra.push(load);
};

/** The first of `candidates` (e.g. `fr-CA`, `en`) the widget speaks, by language. */
export function pickLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    const language = candidate?.toLowerCase().split(/[-_]/)[0];
    if (LOCALES.includes(language as Locale)) return language as Locale;
  }
  return 'en';
}
