import { configureLocalization } from '@lit/localize';

/** The languages the widget speaks; English is the source. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The widget's language switch. A translation is a chunk of its own beside the bundle, loaded
 * the first time it is needed: English pages never pay for French.
 * @example await setLocale('fr');
 */
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['fr'],
  loadLocale: () => import('../locales/fr.js'),
});

/** The first of `candidates` (e.g. `fr-CA`, `en`) the widget speaks, by language. */
export function pickLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    const language = candidate?.toLowerCase().split(/[-_]/)[0];
    if (LOCALES.includes(language as Locale)) return language as Locale;
  }
  return 'en';
}
