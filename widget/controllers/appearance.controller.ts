import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Theme } from '../api/api.types.js';
import { getLocale, pickLocale, setLocale } from '../lib/localization.js';
import type { PortalStore } from '../store/portal-store.js';
import { brandingSheet } from '../styles/tokens.styles.js';

type Host = ReactiveControllerHost & HTMLElement & { theme: Theme | ''; locale: string };

/**
 * Theme, language and branding, each from the host's attribute first, then the user's
 * preferences, then the system: the `scheme` attribute (`light`/`dark`, following
 * `prefers-color-scheme` under `auto`), the widget's locale, and the tenant's colours as an
 * adopted stylesheet (so a host rule on `customer-portal` still wins, and no inline style is
 * needed under a strict CSP).
 */
export class AppearanceController implements ReactiveController {
  private readonly media = matchMedia('(prefers-color-scheme: dark)');
  private brand: { key: string; sheet: CSSStyleSheet | null } = { key: '', sheet: null };
  private readonly onMedia = () => this.apply();

  constructor(
    private readonly host: Host,
    private readonly store: PortalStore,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.media.addEventListener('change', this.onMedia);
  }

  hostDisconnected(): void {
    this.media.removeEventListener('change', this.onMedia);
  }

  hostUpdated(): void {
    this.apply();
  }

  private apply(): void {
    const prefs = this.store.me?.user.preferences;
    const theme = this.host.theme || prefs?.theme || 'auto';
    const scheme = theme === 'auto' ? (this.media.matches ? 'dark' : 'light') : theme;
    if (this.host.getAttribute('scheme') !== scheme) this.host.setAttribute('scheme', scheme);

    const locale = pickLocale(this.host.locale, prefs?.locale, navigator.language);
    if (getLocale() !== locale) void setLocale(locale);
    if (this.host.lang !== locale) this.host.lang = locale;

    const branding = this.store.me?.tenant.branding;
    const key = JSON.stringify(branding ?? {});
    const root = this.host.shadowRoot;
    if (root && key !== this.brand.key) {
      const sheets = root.adoptedStyleSheets.filter((s) => s !== this.brand.sheet);
      this.brand = { key, sheet: brandingSheet(branding) };
      root.adoptedStyleSheets = this.brand.sheet ? [...sheets, this.brand.sheet] : sheets;
    }
  }
}
