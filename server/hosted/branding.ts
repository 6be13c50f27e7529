/** The part of a tenant's branding (`tenants.branding`) the hosted pages use. */
export interface Branding {
  preset: string | null;
  colors: Record<string, string>;
  logoDocumentId: string | null;
}

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const COLOR_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * Reads the stored branding JSON, keeping only what is safe to put into CSS: colour names of
 * plain letters and dashes, and hex colour values. Anything else is dropped, not escaped.
 * @example readBranding('{"colors":{"primary":"#0b5fff"}}').colors.primary // '#0b5fff'
 */
export function readBranding(stored: string): Branding {
  let raw: { preset?: unknown; colors?: unknown; logo_document_id?: unknown } = {};
  try {
    raw = JSON.parse(stored) ?? {};
  } catch {
    raw = {};
  }
  const colors: Record<string, string> = {};
  if (raw.colors && typeof raw.colors === 'object') {
    for (const [name, value] of Object.entries(raw.colors as Record<string, unknown>)) {
      if (COLOR_NAME.test(name) && typeof value === 'string' && HEX_COLOR.test(value)) colors[name] = value;
    }
  }
  return {
    preset: typeof raw.preset === 'string' ? raw.preset : null,
    colors,
    logoDocumentId: typeof raw.logo_document_id === 'string' && raw.logo_document_id ? raw.logo_document_id : null,
  };
}

/**
 * The tenant's colours as CSS custom properties (`--brand-primary`, `--brand-background`, …),
 * served as a stylesheet so the pages need no inline style under their CSP.
 */
export function themeCss(branding: Branding): string {
  const lines = Object.entries(branding.colors).map(([name, value]) => `  --brand-${name}: ${value};`);
  return `:root {\n${lines.join('\n')}\n}\n`;
}
