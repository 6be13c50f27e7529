import { z } from '@hono/zod-openapi';
import { REQUEST_FIELD_TYPES } from '../request-values.js';
import { PageQuery, Text, Timestamp, Visibility } from './common.schema.js';

export const RequestFieldSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _ (at most 40), starting with a letter'),
    label: Text(200),
    type: z.enum(REQUEST_FIELD_TYPES),
    required: z.boolean().default(false),
    options: z.array(Text(100)).min(1).max(50).optional().openapi({ description: 'The choices of a `select` field (and of no other kind)' }),
  })
  .strict()
  .openapi('RequestField');
/** A field of a request type's form, as stored (JSON) and as the API answers it. */
export type RequestField = z.output<typeof RequestFieldSchema>;

const AssignTo = z
  .string()
  .regex(/^(owner|none|usr_[0-9A-Za-z]{1,40})$/, '`owner`, `none` or a staff user id')
  .openapi({ description: '`owner` (the account owner), `none`, or a staff user id', example: 'owner' });

export const RequestTypeSchema = z
  .object({
    id: z.string().openapi({ example: 'rqt_3kTMd92jf0aPq8sL1xQz7b' }),
    name: z.string(),
    description: z.string(),
    fields: z.array(RequestFieldSchema),
    sla_hours: z.number().int(),
    assign_to: z.string(),
    task_visibility: Visibility,
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('RequestType');
export type RequestTypeView = z.infer<typeof RequestTypeSchema>;

const TypeFields = {
  name: Text(200),
  description: z.string().trim().max(2_000).default(''),
  fields: z.array(RequestFieldSchema).max(40),
  sla_hours: z.number().int().min(1).max(24 * 90),
  assign_to: AssignTo,
  task_visibility: Visibility,
};

export const CreateRequestTypeBody = z
  .object({ ...TypeFields, assign_to: AssignTo.default('owner'), task_visibility: Visibility.default('portal') })
  .strict()
  .openapi('CreateRequestType');
export type CreateRequestTypeInput = z.infer<typeof CreateRequestTypeBody>;

export const UpdateRequestTypeBody = z
  .object({
    name: TypeFields.name.optional(),
    description: z.string().trim().max(2_000).optional(),
    fields: TypeFields.fields.optional(),
    sla_hours: TypeFields.sla_hours.optional(),
    assign_to: AssignTo.optional(),
    task_visibility: Visibility.optional(),
  })
  .strict()
  .openapi('UpdateRequestType');
export type UpdateRequestTypeInput = z.infer<typeof UpdateRequestTypeBody>;

export const RequestTypeFilters = PageQuery;
