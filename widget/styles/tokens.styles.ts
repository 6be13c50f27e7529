import { css, unsafeCSS } from 'lit';
import { PRESETS } from '../../contract/branding-presets.js';

const { colors: light, radius, font } = PRESETS.default;

/**
 * The design tokens: every colour, radius, spacing and font the widget uses, as `--cp-*`
 * custom properties on `<customer-portal>`. A host page overrides any of them with a rule on
 * the element (`customer-portal { --cp-color-primary: #0a7 }`), which beats both these
 * defaults and the tenant's branding. The light scheme's brand colours, the radius and the font
 * are the default branding preset's (`contract/branding-presets.ts`): one palette for the service and the widget.
 */
export const TOKENS = {
  'color-primary': [light.primary, '#7ab0ff'],
  'color-on-primary': ['#ffffff', '#0b1424'],
  'color-background': [light.background, '#0f172a'],
  'color-surface': [light.surface, '#172033'],
  'color-text': [light.text, '#e8edf5'],
  'color-muted': [light.muted, '#a9b6c8'],
  'color-border': [light.border, '#334155'],
  'color-danger': [light.danger, '#ff8a80'],
  'color-warning': [light.warning, '#f5c36b'],
  'color-success': [light.success, '#6fd6a1'],
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
    --cp-radius: ${unsafeCSS(radius)};
    --cp-space: 8px;
    --cp-font-family: ${unsafeCSS(font)};
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
