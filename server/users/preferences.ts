import { z } from '@hono/zod-openapi';

/** The kinds of notification a person can switch, each for in-app and for email. */
export const NOTIFICATION_KINDS = ['assigned', 'comment', 'due', 'mention', 'customer_activity', 'message', 'approval', 'goal', 'request'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

const Channels = z.object({ in_app: z.boolean(), email: z.boolean() }).strict();

/** A person's preferences as `GET /v1/me` shows them, every field filled. */
export const PreferencesSchema = z
  .object({
    theme: z.enum(['light', 'dark', 'auto']),
    locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a language tag such as "en" or "fr-FR"'),
    date_format: z.enum(['auto', 'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY']),
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

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'auto',
  locale: 'en',
  date_format: 'auto',
  notifications: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, { in_app: true, email: true }])) as Preferences['notifications'],
};

/**
 * The stored preferences (JSON text, possibly partial or from an older version) with every gap
 * filled from the defaults.
 * @example const prefs = readPreferences(user.preferences); if (prefs.notifications.mention.email) …
 */
export function readPreferences(stored: string | null | undefined): Preferences {
  let raw: Partial<Preferences> = {};
  try {
    raw = stored ? (JSON.parse(stored) as Partial<Preferences>) : {};
  } catch {
    raw = {};
  }
  const notifications = { ...DEFAULT_PREFERENCES.notifications };
  for (const kind of NOTIFICATION_KINDS) notifications[kind] = { ...notifications[kind], ...raw.notifications?.[kind] };
  return { ...DEFAULT_PREFERENCES, ...raw, notifications };
}

/** `current` with `patch` applied, kind by kind and channel by channel. */
export function mergePreferences(current: Preferences, patch: PreferencesPatchInput): Preferences {
  const notifications = { ...current.notifications };
  for (const kind of NOTIFICATION_KINDS) {
    const change = patch.notifications?.[kind];
    if (change) notifications[kind] = { ...notifications[kind], ...change } as Preferences['notifications'][NotificationKind];
  }
  return {
    theme: patch.theme ?? current.theme,
    locale: patch.locale ?? current.locale,
    date_format: patch.date_format ?? current.date_format,
    notifications,
  };
}
