import { z } from '@hono/zod-openapi';
import { CalendarDate, NullableTimestamp, PageQuery, Text, Timestamp } from './common.schema.js';
import { Currency, MinorUnits } from './money.schema.js';
import { ProspectBody, ProspectSchema } from './prospect.schema.js';

export const RegistrationStatus = z.enum(['submitted', 'approved', 'rejected', 'appealed', 'expired', 'won', 'lost']);

export const RegistrationSchema = z
  .object({
    id: z.string().openapi({ example: 'drg_3kTMd92jf0aPq8sL1xQz7b' }),
    customer_id: z.string().openapi({ description: 'The partner' }),
    prospect: ProspectSchema,
    estimated_value: z.number().int(),
    currency: z.string(),
    description: z.string(),
    expected_close_date: z.string().nullable().openapi({ format: 'date' }),
    status: RegistrationStatus,
    protection_ends_at: NullableTimestamp,
    decision_reason: z.string().nullable(),
    decided_at: NullableTimestamp,
    appeal_reason: z.string().nullable(),
    appealed_at: NullableTimestamp,
    outcome_value: z.number().int().nullable(),
    outcome_at: NullableTimestamp,
    deal_id: z.string().nullable().openapi({ description: "The partner's deal, made on approval: its co-selling workspace" }),
    submitted_by: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('DealRegistration');
export type RegistrationView = z.infer<typeof RegistrationSchema>;

export const CreateRegistrationBody = z
  .object({
    customer_id: z.string().max(64).optional().openapi({ description: 'Staff and API keys: the partner; a partner contact omits it' }),
    prospect: ProspectBody,
    estimated_value: MinorUnits,
    currency: Currency,
    description: z.string().max(10_000).optional(),
    expected_close_date: CalendarDate.nullable().optional(),
  })
  .strict()
  .openapi('CreateDealRegistration');
export type CreateRegistrationInput = z.infer<typeof CreateRegistrationBody>;

export const DecisionBody = z
  .object({
    decision: z.enum(['approved', 'rejected']),
    reason: Text(2_000),
    protection_days: z.number().int().min(1).max(730).optional().openapi({ description: 'Approved: how long the partner holds the prospect (default 90)' }),
  })
  .strict()
  .openapi('DealRegistrationDecision');

export const AppealBody = z.object({ reason: Text(2_000) }).strict().openapi('DealRegistrationAppeal');

export const OutcomeBody = z
  .object({ outcome: z.enum(['won', 'lost']), value: MinorUnits.optional().openapi({ description: 'Won: the final value (default the estimate)' }) })
  .strict()
  .openapi('DealRegistrationOutcome');

export const ListRegistrationsQuery = PageQuery.extend({
  customer_id: z.string().max(64).optional(),
  status: RegistrationStatus.optional(),
});
export type RegistrationFilters = z.infer<typeof ListRegistrationsQuery>;
