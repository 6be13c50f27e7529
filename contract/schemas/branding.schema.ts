import { z } from '@hono/zod-openapi';
import { COLOR_NAMES, PRESET_NAMES, type ColorName, type Colors, type PresetName } from '../branding-presets.js';

export { COLOR_NAMES, PRESETS, PRESET_NAMES, type ColorName, type Colors, type PresetName } from '../branding-presets.js';

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
