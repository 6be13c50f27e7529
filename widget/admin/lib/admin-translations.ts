import { addTranslations } from '../../lib/localization.js';

// A module of its own, imported first by the entry, so the admin page's messages join the
// widget's before any element asks for a language.
addTranslations(() => import('../locales/fr.js'));
