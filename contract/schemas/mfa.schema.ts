import { z } from '@hono/zod-openapi';

/** The caller's two-step sign-in (`GET /v1/me/mfa`). */
export const MfaStatusSchema = z
  .object({
    totp: z.enum(['off', 'pending', 'on']).openapi({ description: '`pending`: set up, waiting for its first code' }),
    required: z.boolean().openapi({ description: "Whether the tenant's `mfa_required` applies to the caller" }),
    recovery_codes_left: z.number().int(),
  })
  .openapi('MfaStatus');
export type MfaStatusView = z.infer<typeof MfaStatusSchema>;

/** A started authenticator set-up: the key to type or paste into the app. */
export const TotpEnrolmentSchema = z.object({ secret: z.string(), otpauth_url: z.string() }).openapi('TotpEnrolment');
export type TotpEnrolmentView = z.infer<typeof TotpEnrolmentSchema>;

/** The recovery codes, shown once when an authenticator is confirmed. */
export const RecoveryCodesSchema = z.object({ recovery_codes: z.array(z.string()) }).openapi('RecoveryCodes');
export type RecoveryCodesView = z.infer<typeof RecoveryCodesSchema>;
