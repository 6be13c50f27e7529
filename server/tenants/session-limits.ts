import type { MfaRequired } from '../../contract/schemas/settings.schema.js';
import type { StoredSso } from '../sso/sso-settings.js';

/** The tenant's session settings, as `sessions/` enforces them. */
export interface SessionLimits {
  readonly idleMs: number;
  readonly maxMs: number;
}

/** Defaults: 30 idle days (the contract's 43200 minutes), and at most 90 days from sign-in. */
export const DEFAULT_SESSION_IDLE_MINUTES = 43_200;
export const DEFAULT_SESSION_MAX_DAYS = 90;
/** The ranges and `mfa_required`'s values are the contract's. */
export { MFA_REQUIRED, SESSION_IDLE_RANGE, SESSION_MAX_DAYS_RANGE, type MfaRequired } from '../../contract/schemas/settings.schema.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The session settings stored in a tenant's `settings` JSON, defaults filled. */
export function sessionMinutes(stored: { session_idle_minutes?: number; session_max_days?: number }): { session_idle_minutes: number; session_max_days: number } {
  return {
    session_idle_minutes: stored.session_idle_minutes ?? DEFAULT_SESSION_IDLE_MINUTES,
    session_max_days: stored.session_max_days ?? DEFAULT_SESSION_MAX_DAYS,
  };
}

/**
 * The limits a tenant's settings (its stored JSON text) put on its sessions.
 * @example const { idleMs, maxMs } = sessionLimits(tenant.settings);
 */
export function sessionLimits(settings: string): SessionLimits {
  const { session_idle_minutes, session_max_days } = sessionMinutes(storedSignInSettings(settings));
  return { idleMs: session_idle_minutes * MINUTE, maxMs: session_max_days * DAY };
}

interface SignInSettings {
  session_idle_minutes?: number;
  session_max_days?: number;
  mfa_required?: MfaRequired;
  sso?: StoredSso;
}

/** The sign-in settings in a tenant's stored `settings` JSON text (unreadable: none set). */
function storedSignInSettings(settings: string): SignInSettings {
  try {
    const parsed = JSON.parse(settings) as unknown;
    if (parsed && typeof parsed === 'object') return parsed as SignInSettings;
  } catch {
    // A tenant without readable settings has the defaults.
  }
  return {};
}

/**
 * Whether the tenant's `mfa_required` asks a person of `role` for an authenticator code.
 * @example if (mfaRequiredFor(tenant.settings, user.role)) …
 */
export function mfaRequiredFor(settings: string, role: 'staff' | 'contact'): boolean {
  const required = storedSignInSettings(settings).mfa_required ?? 'none';
  return required === 'all' || (required === 'staff' && role === 'staff');
}

/**
 * The tenant's stored SSO settings (its `settings` JSON text), the client secret included: for the sign-in, never for an answer.
 * @example const sso = storedSso(tenant.settings); if (sso?.oidc) …
 */
export const storedSso = (settings: string): StoredSso | undefined => storedSignInSettings(settings).sso;
