import { z } from '@hono/zod-openapi';
import { NullableTimestamp, PageQuery, Timestamp } from './common.schema.js';

export const CommissionStatus = z.enum(['pending', 'earned', 'paid']);

export const CommissionSchema = z
  .object({
    id: z.string().openapi({ example: 'com_3kTMd92jf0aPq8sL1xQz7b' }),
    customer_id: z.string().openapi({ description: 'The partner' }),
    registration_id: z.string(),
    company: z.string().openapi({ description: "The registration's prospect" }),
    tier_id: z.string().nullable(),
    deal_value: z.number().int(),
    rate: z.number().openapi({ description: 'A fraction: 0.1 is 10 %' }),
    amount: z.number().int().openapi({ description: 'deal_value × rate, rounded half up to a whole minor unit' }),
    currency: z.string(),
    status: CommissionStatus,
    paid_at: NullableTimestamp,
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Commission');
export type CommissionView = z.infer<typeof CommissionSchema>;

export const UpdateCommissionBody = z.object({ status: CommissionStatus }).strict().openapi('UpdateCommission');

export const ListCommissionsQuery = PageQuery.extend({ customer_id: z.string().max(64).optional(), status: CommissionStatus.optional() });
export type CommissionFilters = z.infer<typeof ListCommissionsQuery>;

export const PartnerStatsSchema = z
  .object({
    registrations: z.record(z.string(), z.number().int()).openapi({ description: 'Registrations by status' }),
    approval_rate: z.number().nullable().openapi({ description: 'Approved among those decided, 0..1' }),
    median_days_to_outcome: z.number().nullable(),
    won_value_by_tier: z.array(z.object({ tier_id: z.string().nullable(), tier_name: z.string().nullable(), currency: z.string(), amount: z.number().int(), count: z.number().int() })),
  })
  .openapi('PartnerStats');
