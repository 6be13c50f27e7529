import type { MfaRequired, SelfRegistration } from '../../contract/schemas/settings.schema.js';
import type { StoredSso } from '../sso/sso-settings.js';

/** Defined once in the contract (`contract/`), which the admin's types derive from. */
export * from '../../contract/schemas/settings.schema.js';

/** The settings as stored: only what the tenant set. */
export interface StoredSettings {
  allowed_origins?: string[];
  email_from?: string;
  app_url?: string;
  session_idle_minutes?: number;
  session_max_days?: number;
  mfa_required?: MfaRequired;
  sso?: StoredSso;
  self_registration?: SelfRegistration;
}
