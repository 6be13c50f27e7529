import { NOTIFICATION_KINDS, type NotificationKind } from '../../contract/values.js';
import type { Preferences, PreferencesPatchInput } from '../../contract/schemas/preferences.schema.js';

/** Defined once in the contract (`contract/`), which the widget's types derive from. */
export { NOTIFICATION_KINDS, type NotificationKind } from '../../contract/values.js';
export * from '../../contract/schemas/preferences.schema.js';

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
