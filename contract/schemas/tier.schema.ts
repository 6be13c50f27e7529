import { z } from '@hono/zod-openapi';
import { Text, Timestamp } from './common.schema.js';
import { CommissionRate, Currency, MinorUnits } from './money.schema.js';

export const TierSchema = z
  .object({
    id: z.string().openapi({ example: 'tir_3kTMd92jf0aPq8sL1xQz7b' }),
    name: z.string(),
    min_won_value: z.number().int().openapi({ description: 'Won value (minor units of `currency`) from which a partner holds the tier' }),
    currency: z.string(),
    commission_rate: z.number().openapi({ description: 'A fraction: 0.1 is 10 %' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('PartnerTier');
export type TierView = z.infer<typeof TierSchema>;

export const CreateTierBody = z
  .object({
    name: Text(100),
    min_won_value: MinorUnits,
    currency: Currency.optional().openapi({ description: "Every tier counts in one currency: default the tenant's tiers' (or USD for the first)" }),
    commission_rate: CommissionRate,
  })
  .strict()
  .openapi('CreatePartnerTier');
export type CreateTierInput = z.infer<typeof CreateTierBody>;

export const UpdateTierBody = z
  .object({ name: Text(100), min_won_value: MinorUnits, commission_rate: CommissionRate })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change')
  .openapi('UpdatePartnerTier');
export type UpdateTierInput = z.infer<typeof UpdateTierBody>;

const Money = z.object({ amount: z.number().int(), currency: z.string() });
export const PartnerSummarySchema = z
  .object({
    tier: TierSchema.nullable(),
    next_tier: TierSchema.nullable(),
    won_value: z.number().int().openapi({ description: 'Won registrations, in the tiers’ currency' }),
    currency: z.string().nullable(),
    progress: z.number().openapi({ description: 'From the current tier to the next, 0..1 (1 at the top tier)' }),
    pipeline: z.object({ submitted: z.number().int(), approved: z.number().int(), won: z.number().int() }),
    earnings: z.object({ pending: z.array(Money), earned: z.array(Money), paid: z.array(Money) }),
    projected: z.array(Money).openapi({ description: 'Approved registrations × the current tier rate: what winning them would earn' }),
  })
  .openapi('PartnerSummary');
