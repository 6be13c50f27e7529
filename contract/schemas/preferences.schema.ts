import { z } from '@hono/zod-openapi';
import { DATE_FORMATS } from '../dates.js';
import { NOTIFICATION_KINDS, type NotificationKind } from '../values.js';

const Channels = z.object({ in_app: z.boolean(), email: z.boolean() }).strict();

/** A person's preferences as `GET /v1/me` shows them, every field filled. */
export const PreferencesSchema = z
  .object({
    theme: z.enum(['light', 'dark', 'auto']),
    locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a language tag such as "en" or "fr-FR"'),
    date_format: z.enum(DATE_FORMATS),
    notifications: z.object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, Channels])) as Record<NotificationKind, typeof Channels>),
  })
  .openapi('Preferences');
export type Preferences = z.infer<typeof PreferencesSchema>;

/** `PATCH /v1/me/preferences`: any subset; notification kinds and channels may be given one by one. */
export const PreferencesPatch = z
  .object({
    theme: PreferencesSchema.shape.theme.optional(),
    locale: PreferencesSchema.shape.locale.optional(),
    date_format: PreferencesSchema.shape.date_format.optional(),
    notifications: z
      .object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, Channels.partial().optional()])) as Record<NotificationKind, z.ZodOptional<z.ZodObject<{ in_app: z.ZodOptional<z.ZodBoolean>; email: z.ZodOptional<z.ZodBoolean> }>>>)
      .strict()
      .optional(),
  })
  .strict()
  .openapi('PreferencesPatch');
export type PreferencesPatchInput = z.infer<typeof PreferencesPatch>;
