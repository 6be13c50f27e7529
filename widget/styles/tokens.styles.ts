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

const COLOR = /^(#[0-9a-f]{3,8}|(rgb|hsl)a?\([\d\s.,%/]+\))$/i;
const RADIUS = /^(0|\d{1,2}(\.\d{1,2})?(px|rem|em))$/;
const FONT = /^[\p{L}\p{N} ,'"._-]{1,200}$/u;

/**
 * The tenant's branding from `/v1/me` as `--cp-*` values, in an adopted stylesheet; only plain
 * colours, lengths and font names pass, so nothing can break out of its declaration.
 */
export function brandingSheet(branding: { colors?: Record<string, string>; radius?: string; font?: string } | undefined): CSSStyleSheet | null {
  const colors = Object.entries(branding?.colors ?? {}).filter(([name, value]) => `color-${name}` in TOKENS && COLOR.test(value.trim()));
  const always = [
    RADIUS.test(branding?.radius ?? '') ? `--cp-radius: ${branding!.radius};` : '',
    FONT.test(branding?.font ?? '') ? `--cp-font-family: ${branding!.font};` : '',
  ].join('');
  if (!colors.length && !always) return null;
  const sheet = new CSSStyleSheet();
  // Colours in the light scheme only: a brand colour chosen for a light page rarely reads on a dark one.
  sheet.replaceSync(`:host { ${always} } :host(:not([scheme='dark'])) { ${colors.map(([name, value]) => `--cp-color-${name}: ${value.trim()};`).join(' ')} }`);
  return sheet;
}
