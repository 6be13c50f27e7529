/**
 * The tenant's named looks, as plain data shared by the service and the widget: the service
 * resolves branding from them, the admin page previews a preset from the same values before it
 * is saved, and the widget's own light colours are the default look's (one palette), so a
 * portal without branding and one on the default preset look the same. Imports nothing.
 */
export const COLOR_NAMES = ['primary', 'background', 'surface', 'text', 'muted', 'border', 'danger', 'success', 'warning'] as const;
export type ColorName = (typeof COLOR_NAMES)[number];
export type Colors = Record<ColorName, string>;

interface Preset {
  colors: Colors;
  radius: string;
  font: string;
}

/** The default look's colours: also the widget's light-scheme tokens before any branding arrives. */
export const DEFAULT_COLORS = {
  primary: '#1d4ed8',
  background: '#ffffff',
  surface: '#f6f8fb',
  text: '#17202e',
  muted: '#4f5d70',
  border: '#d4dbe5',
  danger: '#b42318',
  success: '#18794e',
  warning: '#8a5300',
} as const satisfies Colors;

const SYSTEM_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/**
 * The named looks a tenant starts from: its own colours, radius and font fill in over them.
 * Text, muted, primary and status colours reach 4.5:1 (WCAG AA) on background and surface, as white does on primary.
 */
export const PRESETS = {
  default: {
    colors: DEFAULT_COLORS,
    radius: '8px',
    font: SYSTEM_FONT,
  },
  ocean: {
    colors: { primary: '#0e7490', background: '#ffffff', surface: '#f0f9ff', text: '#0c4a6e', muted: '#466b82', border: '#bae6fd', danger: '#be123c', success: '#047857', warning: '#b45309' },
    radius: '12px',
    font: SYSTEM_FONT,
  },
  forest: {
    colors: { primary: '#15803d', background: '#fdfdf9', surface: '#f2f7ef', text: '#1c2a1e', muted: '#5b6b5d', border: '#d5e3d0', danger: '#b91c1c', success: '#166534', warning: '#a16207' },
    radius: '6px',
    font: SYSTEM_FONT,
  },
  sunset: {
    colors: { primary: '#c2410c', background: '#fffbf5', surface: '#fff1e6', text: '#2b1a12', muted: '#7c5f50', border: '#f5d5bf', danger: '#b91c1c', success: '#15803d', warning: '#92400e' },
    radius: '16px',
    font: 'Georgia, "Iowan Old Style", "Times New Roman", serif',
  },
  graphite: {
    colors: { primary: '#111827', background: '#ffffff', surface: '#f3f4f6', text: '#111827', muted: '#4b5563', border: '#d1d5db', danger: '#b91c1c', success: '#15803d', warning: '#92400e' },
    radius: '2px',
    font: SYSTEM_FONT,
  },
} as const satisfies Record<string, Preset>;
export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as [PresetName, ...PresetName[]];

/** What a tenant chose, as stored: only what it set. */
export interface ChosenLook {
  preset?: string;
  colors?: Partial<Record<ColorName, string>>;
  radius?: string;
  font?: string;
}

/**
 * A tenant's look: its preset's (the default one when it names none it knows) with what it set
 * over it. The service's branding, its emails and the admin preview all resolve it so.
 * @example lookOf({ preset: 'ocean', colors: { primary: '#0a7' } }).colors.primary // "#0a7"
 */
export function lookOf(chosen: ChosenLook): { preset: PresetName; colors: Colors; radius: string; font: string } {
  const preset = chosen.preset && chosen.preset in PRESETS ? (chosen.preset as PresetName) : 'default';
  const base = PRESETS[preset];
  const colors = Object.fromEntries(COLOR_NAMES.map((name) => [name, chosen.colors?.[name] ?? base.colors[name]])) as Colors;
  return { preset, colors, radius: chosen.radius ?? base.radius, font: chosen.font ?? base.font };
}
