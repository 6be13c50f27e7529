import { z } from '@hono/zod-openapi';
import { NullableTimestamp, PageQuery, Text, Timestamp } from '../lib/schemas.js';

/** The vendor's own id for a customer or a user: unique within the tenant. */
export const ExternalId = z.string().trim().min(1).max(200);

export const CustomerSchema = z
  .object({
    id: z.string().openapi({ example: 'cus_3kTMd92jf0aPq8sL1xQz7b' }),
    external_id: z.string().nullable(),
    name: z.string(),
    portal_enabled: z.boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Customer');
export type CustomerView = z.infer<typeof CustomerSchema>;

export const CustomerSummarySchema = z
  .object({
    open_tasks: z.number().int().openapi({ description: 'Portal tasks not done' }),
    overdue_tasks: z.number().int().openapi({ description: 'Portal tasks not done whose due date is before today (UTC)' }),
    blocked_tasks: z.number().int(),
    last_activity_at: NullableTimestamp.openapi({ description: "When one of the customer's contacts last did something" }),
  })
  .openapi('CustomerSummary');
export type CustomerSummary = z.infer<typeof CustomerSummarySchema>;

export const CustomerListItemSchema = CustomerSchema.extend({ summary: CustomerSummarySchema }).openapi('CustomerListItem');
export type CustomerListItem = z.infer<typeof CustomerListItemSchema>;

export const CreateCustomerBody = z
  .object({
    name: Text(200),
    external_id: ExternalId.optional().openapi({ description: "Your id for the customer; unique in your tenant" }),
    portal_enabled: z.boolean().optional().openapi({ description: 'Default true' }),
  })
  .strict()
  .openapi('CreateCustomer');
export type CreateCustomerInput = z.infer<typeof CreateCustomerBody>;

export const UpdateCustomerBody = z
  .object({
    name: Text(200).optional(),
    external_id: ExternalId.nullable().optional(),
    portal_enabled: z.boolean().optional().openapi({ description: "false signs the customer's contacts out at once" }),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateCustomer');
export type UpdateCustomerInput = z.infer<typeof UpdateCustomerBody>;

export const ListCustomersQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional().openapi({ description: 'Keywords, all of which appear in the name or external id' }),
  external_id: ExternalId.optional().openapi({ description: 'Exactly this external id: the one customer your backend knows by it, or none' }),
  portal_enabled: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .openapi({ type: 'boolean' }),
});
export type CustomerFilters = z.infer<typeof ListCustomersQuery>;
