import { css, unsafeCSS } from 'lit';

/**
 * The design tokens: every colour, radius, spacing and font the widget uses, as `--cp-*`
 * custom properties on `<customer-portal>`. A host page overrides any of them with a rule on
 * the element (`customer-portal { --cp-color-primary: #0a7 }`), which beats both these
 * defaults and the tenant's branding.
 */
export const TOKENS = {
  'color-primary': ['#1d4ed8', '#7ab0ff'],
  'color-on-primary': ['#ffffff', '#0b1424'],
  'color-background': ['#ffffff', '#0f172a'],
  'color-surface': ['#f6f8fb', '#172033'],
  'color-text': ['#17202e', '#e8edf5'],
  'color-muted': ['#4f5d70', '#a9b6c8'],
  'color-border': ['#d4dbe5', '#334155'],
  'color-danger': ['#b42318', '#ff8a80'],
  'color-warning': ['#8a5300', '#f5c36b'],
  'color-success': ['#18794e', '#6fd6a1'],
  'color-internal': ['#8a3b12', '#ffb482'],
  'color-focus': ['#1d4ed8', '#9cc3ff'],
} as const;

const declarations = (scheme: 0 | 1) =>
  unsafeCSS(
    Object.entries(TOKENS)
      .map(([name, values]) => `--cp-${name}: ${values[scheme]};`)
      .join(''),
  );

export const tokenStyles = css`
  :host {
    ${declarations(0)}
    --cp-radius: 8px;
    --cp-space: 8px;
    --cp-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --cp-font-size: 14px;
    --cp-shadow: 0 1px 2px rgb(15 23 42 / 0.06), 0 6px 16px rgb(15 23 42 / 0.08);
    color-scheme: light;
  }
  :host([scheme='dark']) {
    ${declarations(1)}
    --cp-shadow: 0 1px 2px rgb(0 0 0 / 0.4), 0 6px 16px rgb(0 0 0 / 0.4);
    color-scheme: dark;
  }
`;

/** The tenant's colours from `/v1/me`, as `--cp-color-<name>`; only plain colour values pass. */
export function brandingSheet(colors: Record<string, string> | undefined): CSSStyleSheet | null {
  const safe = Object.entries(colors ?? {}).filter(
    ([name, value]) => `color-${name}` in TOKENS && /^(#[0-9a-f]{3,8}|(rgb|hsl)a?\([\d\s.,%/]+\))$/i.test(value.trim()),
  );
  if (!safe.length) return null;
  const sheet = new CSSStyleSheet();
  // Light scheme only: a brand colour chosen for a light page rarely reads on a dark one.
  sheet.replaceSync(`:host(:not([scheme='dark'])) { ${safe.map(([name, value]) => `--cp-color-${name}: ${value.trim()};`).join(' ')} }`);
  return sheet;
}
