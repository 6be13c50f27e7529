import { configureLocalization } from '@lit/localize';
import * as fr from '../locales/fr.js';

/** The languages the widget speaks; English is the source. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The widget's language switch. French ships inside the bundle (a few KB), so switching is
 * immediate and the bundle stays one file.
 * @example await setLocale('fr');
 */
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['fr'],
  loadLocale: async () => fr,
});

/** The first of `candidates` (e.g. `fr-CA`, `en`) the widget speaks, by language. */
export function pickLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    const language = candidate?.toLowerCase().split(/[-_]/)[0];
    if (LOCALES.includes(language as Locale)) return language as Locale;
  }
  return 'en';
}
