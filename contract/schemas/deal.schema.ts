import { z } from '@hono/zod-openapi';
import { CalendarDate, Domain, PageQuery, Text, Timestamp, Visibility } from './common.schema.js';
import { Currency, MinorUnits } from './money.schema.js';

export const DealStatus = z.enum(['open', 'won', 'lost']);

export const DealSchema = z
  .object({
    id: z.string().openapi({ example: 'del_3kTMd92jf0aPq8sL1xQz7b' }),
    customer_id: z.string(),
    external_id: z.string().nullable(),
    name: z.string(),
    stage: z.string(),
    stages: z.array(z.string()),
    status: DealStatus.openapi({ description: '`open` while in the pipeline; `won` or `lost` once closed' }),
    expected_close_date: z.string().nullable().openapi({ format: 'date' }),
    value: z.number().int().nullable().openapi({ description: 'Minor units; null for a contact unless `value_shared` and it holds `deals.view_value`' }),
    currency: z.string(),
    value_shared: z.boolean(),
    owner_id: z.string().nullable(),
    owner: z.object({ id: z.string(), name: z.string() }).nullable().openapi({ description: 'The rep' }),
    next_steps: z.string().openapi({ description: 'Markdown' }),
    domain: z.string().nullable().openapi({ description: "The prospect's domain: a referral for it is attributed to this deal" }),
    visibility: Visibility,
    changed_since_last_visit: z.boolean().nullable().openapi({ description: 'Contacts: a shared update came after they last opened the deal (or they never did); null for the team' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Deal');
export type DealView = z.infer<typeof DealSchema>;

const Stages = z
  .array(Text(80))
  .min(1)
  .max(20)
  .refine((s) => new Set(s).size === s.length, 'stage names must differ');

const fields = {
  name: Text(300),
  stage: Text(80),
  stages: Stages,
  status: DealStatus,
  expected_close_date: CalendarDate.nullable(),
  value: MinorUnits.nullable(),
  currency: Currency,
  value_shared: z.boolean(),
  owner_id: z.string().max(64).nullable(),
  next_steps: z.string().max(20_000),
  domain: Domain.nullable(),
  visibility: Visibility,
};

const stageInStages = (body: { stage?: string | undefined; stages?: string[] | undefined }) => !body.stage || !body.stages || body.stages.includes(body.stage);
const stageIssue = { message: 'not one of `stages`', path: ['stage'] };

export const CreateDealBody = z
  .object({
    customer_id: z.string().max(64),
    external_id: z.string().trim().min(1).max(200).optional().openapi({ description: 'Your id: a second POST with it updates the same deal' }),
    name: fields.name,
    stage: fields.stage,
    stages: fields.stages,
    status: fields.status.optional(),
    expected_close_date: fields.expected_close_date.optional(),
    value: fields.value.optional(),
    currency: fields.currency,
    value_shared: fields.value_shared.optional().openapi({ description: 'Default false: contacts see no value' }),
    owner_id: fields.owner_id.optional(),
    next_steps: fields.next_steps.optional(),
    domain: fields.domain.optional(),
    visibility: fields.visibility.optional(),
  })
  .strict()
  .refine(stageInStages, stageIssue)
  .openapi('CreateDeal');
export type CreateDealInput = z.infer<typeof CreateDealBody>;

export const UpdateDealBody = z
  .object(fields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change')
  .refine(stageInStages, stageIssue)
  .openapi('UpdateDeal');
export type UpdateDealInput = z.infer<typeof UpdateDealBody>;

export const ListDealsQuery = PageQuery.extend({
  customer_id: z.string().max(64).optional(),
  status: DealStatus.optional(),
  external_id: z.string().max(200).optional(),
  owner_id: z.string().max(64).optional(),
});
export type DealFilters = z.infer<typeof ListDealsQuery>;

export const DealUpdateSchema = z
  .object({
    id: z.string(),
    deal_id: z.string(),
    kind: z.enum(['stage', 'expected_close_date', 'next_steps', 'status', 'note']),
    previous: z.string().nullable(),
    current: z.string().nullable(),
    body: z.string().nullable().openapi({ description: 'A note (markdown)' }),
    visibility: Visibility,
    created_by: z.string().nullable(),
    created_at: Timestamp,
  })
  .openapi('DealUpdate');
export type DealUpdateView = z.infer<typeof DealUpdateSchema>;

export const DealNoteBody = z
  .object({ body: Text(20_000), visibility: Visibility.optional().openapi({ description: 'Default `portal` (shared); `internal` is a note to colleagues' }) })
  .strict()
  .openapi('DealNote');
