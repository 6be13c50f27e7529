import { z } from '@hono/zod-openapi';

export const COLOR_NAMES = ['primary', 'background', 'surface', 'text', 'muted', 'border', 'danger', 'success', 'warning'] as const;
export type ColorName = (typeof COLOR_NAMES)[number];
export type Colors = Record<ColorName, string>;

interface Preset {
  colors: Colors;
  radius: string;
  font: string;
}

const SYSTEM_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/**
 * The named looks a tenant starts from: its own colours, radius and font fill in over them.
 * Text, muted, primary and status colours reach 4.5:1 (WCAG AA) on background and surface, as white does on primary.
 */
export const PRESETS = {
  default: {
    colors: { primary: '#2563eb', background: '#ffffff', surface: '#f8fafc', text: '#0f172a', muted: '#64748b', border: '#e2e8f0', danger: '#dc2626', success: '#15803d', warning: '#b45309' },
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

export const Color = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'a colour as #rgb or #rrggbb')
  .transform((value) => value.toLowerCase())
  .openapi({ example: '#2563eb' });

/** A CSS length small enough for a corner: `0`, `6px`, `0.5rem`. */
const Radius = z
  .string()
  .regex(/^(?:0|(?:\d{1,2}(?:\.\d{1,2})?)(?:px|rem|em))$/, 'a length such as "8px" or "0.5rem"')
  .openapi({ example: '8px' });

/** A CSS font-family list: names, quotes, commas and spaces only, so it cannot break out of the declaration. */
const Font = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\p{L}\p{N} ,'"._-]+$/u, 'a font-family list such as "Inter, sans-serif"')
  .openapi({ example: 'Inter, system-ui, sans-serif' });

export const BrandingSchema = z
  .object({
    preset: z.enum(PRESET_NAMES),
    colors: z.object(Object.fromEntries(COLOR_NAMES.map((n) => [n, z.string()])) as Record<ColorName, z.ZodString>).openapi({ description: 'Resolved: the tenant\'s colours over its preset\'s' }),
    radius: z.string(),
    font: z.string(),
    logo_document_id: z.string().nullable(),
    logo_url: z.string().nullable().openapi({ description: 'Public, absolute: usable in widgets and emails without a credential' }),
  })
  .openapi('Branding');
export type BrandingView = z.infer<typeof BrandingSchema>;

export const BrandingPatch = z
  .object({
    preset: z.enum(PRESET_NAMES).optional(),
    colors: z
      .object(Object.fromEntries(COLOR_NAMES.map((n) => [n, Color.nullable().optional()])) as Record<ColorName, z.ZodOptional<z.ZodNullable<typeof Color>>>)
      .strict()
      .optional()
      .openapi({ description: 'Only the colours to change; `null` returns one to the preset\'s' }),
    radius: Radius.nullable().optional(),
    font: Font.nullable().optional(),
    logo_document_id: z.string().max(64).nullable().optional().openapi({ description: 'A tenant file (uploaded with `purpose=logo`) that is a PNG, JPEG, GIF or WebP image' }),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('BrandingPatch');
export type BrandingPatchInput = z.infer<typeof BrandingPatch>;

/** What the tenant chose, as stored: only what it set, so a preset fills the rest. */
export interface StoredBranding {
  preset?: PresetName;
  colors?: Partial<Colors>;
  radius?: string;
  font?: string;
  logo_document_id?: string;
}
