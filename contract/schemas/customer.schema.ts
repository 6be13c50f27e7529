import { z } from '@hono/zod-openapi';
import { NullableTimestamp, PageQuery, Text, Timestamp } from './common.schema.js';
import { CapabilityOverrides, PortalType } from './permission-set.schema.js';

/** The vendor's own id for a customer or a user: unique within the tenant. */
export const ExternalId = z.string().trim().min(1).max(200);

export const CustomerSchema = z
  .object({
    id: z.string().openapi({ example: 'cus_3kTMd92jf0aPq8sL1xQz7b' }),
    external_id: z.string().nullable(),
    name: z.string(),
    portal_enabled: z.boolean(),
    portal_type: PortalType,
    permission_set_id: z.string().nullable().openapi({ description: "The account's permission set; null: the tenant default of its portal type" }),
    capability_overrides: z.record(z.string(), z.boolean()),
    owner_id: z.string().nullable().openapi({ description: 'The staff user who owns the account' }),
    team_ids: z.array(z.string()).openapi({ description: 'The staff around the account; with an owner, they and the owner hear of its activity' }),
    ip_allowlist: z.array(z.string()).openapi({ description: "CIDRs its contacts may call from; empty: any address" }),
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

/**
 * A CIDR as text. The service narrows it to a canonical CIDR (`server/customers/customer.schema.ts`:
 * the check needs `node:net`, which the contract does not import); its wire type is this one.
 */
const CidrText = z.string().max(64).openapi({ type: 'string', example: '203.0.113.0/24' });

/** The fields of who may do what on an account, shared by create and update. */
const accessFields = {
  portal_type: PortalType.optional().openapi({ description: 'Default `customer`' }),
  permission_set_id: z.string().max(64).nullable().optional().openapi({ description: 'A set of the same portal type; null returns to the tenant default (admins)' }),
  capability_overrides: CapabilityOverrides.optional().openapi({ description: 'Replaces the overrides (admins)' }),
  owner_id: z.string().max(64).nullable().optional().openapi({ description: 'A staff user of the tenant' }),
  team_ids: z.array(z.string().max(64)).max(50).optional().openapi({ description: 'Staff users of the tenant; replaces the team' }),
  ip_allowlist: z.array(CidrText).max(100).optional().openapi({ description: 'Replaces the allowlist; empty allows any address (admins)' }),
};

/** `POST /v1/customers` as the contract states it (the service's body adds the CIDR check). */
export const CreateCustomerFields = z
  .object({
    name: Text(200),
    external_id: ExternalId.optional().openapi({ description: "Your id for the customer; unique in your tenant" }),
    portal_enabled: z.boolean().optional().openapi({ description: 'Default true' }),
    ...accessFields,
  })
  .strict();

/** `PATCH /v1/customers/:id` as the contract states it (the service's body adds the CIDR check). */
export const UpdateCustomerFields = z
  .object({
    name: Text(200).optional(),
    external_id: ExternalId.nullable().optional(),
    portal_enabled: z.boolean().optional().openapi({ description: "false signs the customer's contacts out at once" }),
    ...accessFields,
  })
  .strict();

export const ListCustomersQuery = PageQuery.extend({
  owner_id: z.string().max(64).optional().openapi({ description: 'A staff user id, or `me`: the accounts that user owns' }),
  q: z.string().trim().max(200).optional().openapi({ description: 'Keywords, all of which appear in the name or external id' }),
  external_id: ExternalId.optional().openapi({ description: 'Exactly this external id: the one customer your backend knows by it, or none' }),
  portal_enabled: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .openapi({ type: 'boolean' }),
});
export type CustomerFilters = z.infer<typeof ListCustomersQuery>;
