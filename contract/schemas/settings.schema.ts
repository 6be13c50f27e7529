import { z } from '@hono/zod-openapi';
import { SsoPatch, SsoSchema } from './sso.schema.js';

export const SESSION_IDLE_RANGE = { min: 5, max: 129_600 } as const;
export const SESSION_MAX_DAYS_RANGE = { min: 1, max: 400 } as const;

/** Who must enter an authenticator code after proving their email (setting `mfa_required`). */
export const MFA_REQUIRED = ['none', 'staff', 'all'] as const;
export type MfaRequired = (typeof MFA_REQUIRED)[number];

/** Whether the hosted portal takes access requests from people without an account. */
export const SELF_REGISTRATION = ['off', 'approval'] as const;
export type SelfRegistration = (typeof SELF_REGISTRATION)[number];

/** `scheme://host[:port]`, exactly as a browser sends it in `Origin`; stored normalised (lowercase host, no default port). */
const Origin = z
  .string()
  .max(300)
  .regex(/^https?:\/\/[^/?#@\s]+$/i, 'an origin such as "https://app.vendor.test" (no path)')
  .transform((value, ctx) => {
    try {
      return new URL(value).origin;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a valid origin' });
      return z.NEVER;
    }
  })
  .openapi({ example: 'https://app.vendor.test' });

const HttpUrl = z
  .url({ protocol: /^https?$/, error: 'an http(s) URL' })
  .max(2000)
  .openapi({ example: 'https://app.vendor.test/portal' });

/** The name shown in the From header of the portal's emails: one line, no angle brackets (the address is the service's). */
const DisplayName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}<>]+$/u, 'one line of text without < or >');

export const SettingsSchema = z
  .object({
    allowed_origins: z.array(z.string()).openapi({ description: 'Pages allowed to use embed tokens; empty allows any origin' }),
    email_from: z.string().openapi({ description: 'The display name of the portal\'s emails; the tenant\'s name unless set' }),
    app_url: z.string().nullable().openapi({ description: 'The vendor page that embeds the portal: links in emails lead there; null leads to the hosted portal' }),
    default_permission_set_id: z.string().nullable().openapi({ description: 'The set of contacts of customer portals whose account and person name none' }),
    default_partner_permission_set_id: z.string().nullable().openapi({ description: 'The same for partner portals' }),
    session_idle_minutes: z.number().int().openapi({ description: 'A hosted-page or admin session ends after this long unused (default 43200: 30 days)' }),
    session_max_days: z.number().int().openapi({ description: 'and at the latest this many days after its sign-in (default 90)' }),
    mfa_required: z.enum(MFA_REQUIRED).openapi({ description: 'Who must enter an authenticator code after the sign-in link: nobody (default), the team, everyone' }),
    sso: SsoSchema,
    self_registration: z.enum(SELF_REGISTRATION).openapi({ description: 'off (default), or approval: the hosted portal has a page where people ask for access, for the team to approve' }),
  })
  .openapi('Settings');
export type SettingsView = z.infer<typeof SettingsSchema>;

export const SettingsPatch = z
  .object({
    allowed_origins: z.array(Origin).max(50).optional(),
    email_from: DisplayName.nullable().optional().openapi({ description: '`null` returns to the tenant\'s name' }),
    app_url: HttpUrl.nullable().optional(),
    default_permission_set_id: z.string().max(64).optional().openapi({ description: 'A customer set of this tenant (admins)' }),
    default_partner_permission_set_id: z.string().max(64).optional().openapi({ description: 'A partner set of this tenant (admins)' }),
    session_idle_minutes: z.number().int().min(SESSION_IDLE_RANGE.min).max(SESSION_IDLE_RANGE.max).nullable().optional().openapi({ description: '5..129600; `null` returns to the default' }),
    session_max_days: z.number().int().min(SESSION_MAX_DAYS_RANGE.min).max(SESSION_MAX_DAYS_RANGE.max).nullable().optional().openapi({ description: '1..400; `null` returns to the default' }),
    mfa_required: z.enum(MFA_REQUIRED).nullable().optional().openapi({ description: 'none|staff|all; `null` returns to the default (none)' }),
    sso: SsoPatch.optional().openapi({ description: 'The OpenID Connect provider (admins); the client secret is write-only' }),
    self_registration: z.enum(SELF_REGISTRATION).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('SettingsPatch');
export type SettingsPatchInput = z.infer<typeof SettingsPatch>;
