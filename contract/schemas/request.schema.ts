import { z } from '@hono/zod-openapi';
import { REQUEST_STATUSES } from '../request-values.js';
import { NullableTimestamp, PageQuery, Timestamp } from './common.schema.js';

const Id = z.string().max(64);

export const MeetingSchema = z
  .object({ starts_at: Timestamp, ends_at: Timestamp, location: z.string().nullable() })
  .openapi('ConfirmedMeeting');

export const RequestSchema = z
  .object({
    id: z.string().openapi({ example: 'req_3kTMd92jf0aPq8sL1xQz7b' }),
    type: z.object({ id: z.string(), name: z.string() }),
    customer_id: z.string(),
    project_id: z.string().nullable(),
    values: z.record(z.string(), z.union([z.string(), z.number()])),
    status: z.enum(REQUEST_STATUSES),
    task_id: z.string().nullable().openapi({ description: 'The linked task (null to a contact when that task is internal)' }),
    submitted_by: z.string().nullable(),
    submitter: z.object({ id: z.string(), name: z.string() }).nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    due_at: Timestamp,
    first_response_at: NullableTimestamp,
    resolved_at: NullableTimestamp,
    sla_breached: z.boolean(),
    meeting: MeetingSchema.nullable(),
  })
  .openapi('Request');
export type RequestView = z.infer<typeof RequestSchema>;

const Value = z.union([z.string().max(20_000), z.number(), z.boolean(), z.null()]);

export const CreateRequestBody = z
  .object({
    type_id: Id,
    values: z.record(z.string().max(64), Value).default({}).openapi({ description: 'By field key; checked against the type\'s fields' }),
    project_id: Id.nullable().optional(),
    customer_id: Id.optional().openapi({ description: 'The customer a staff user or API key files for' }),
  })
  .strict()
  .openapi('CreateRequest');
export type CreateRequestInput = z.infer<typeof CreateRequestBody>;

export const UpdateRequestBody = z
  .object({ status: z.enum(REQUEST_STATUSES) })
  .strict()
  .openapi('UpdateRequest');
export type UpdateRequestInput = z.infer<typeof UpdateRequestBody>;

export const ConfirmMeetingBody = z
  .object({
    starts_at: z.string().datetime({ offset: true }),
    ends_at: z.string().datetime({ offset: true }),
    location: z.string().trim().max(500).nullable().optional(),
  })
  .strict()
  .openapi('ConfirmMeeting');
export type ConfirmMeetingInput = z.infer<typeof ConfirmMeetingBody>;

export const RequestFilters = PageQuery.extend({
  status: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'A comma list of statuses' }),
  customer_id: Id.optional(),
  type_id: Id.optional(),
  order: z.enum(['created', 'sla']).default('created').openapi({ description: '`sla`: the staff queue, breached first, then by due time' }),
});
export type RequestFilterInput = z.infer<typeof RequestFilters>;
