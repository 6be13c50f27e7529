import { z } from '@hono/zod-openapi';
import { ExternalId } from './customer.schema.js';
import { commaList, NullableTimestamp, PageQuery, Role, Text, Timestamp } from './common.schema.js';
import { CapabilityOverrides } from './permission-set.schema.js';
import { PORTAL_ACCESS } from '../values.js';

/** An email address, trimmed and lower-cased as it is stored and compared. */
export const Email = z.string().trim().toLowerCase().pipe(z.email().max(320)).openapi({ type: 'string', format: 'email', example: 'ana@acme.test' });
export const PortalAccess = z.enum(PORTAL_ACCESS);
export const StaffRole = z.enum(['admin', 'member']);

export const UserSchema = z
  .object({
    id: z.string().openapi({ example: 'usr_3kTMd92jf0aPq8sL1xQz7b' }),
    external_id: z.string().nullable(),
    email: z.string().nullable(),
    name: z.string(),
    role: Role,
    customer_id: z.string().nullable(),
    portal_access: PortalAccess.openapi({ description: '`invited` until the first sign-in; `deactivated` refuses every token at once' }),
    staff_role: StaffRole.nullable().openapi({ description: 'Staff: `admin` (branding, settings, access rules, webhooks) or `member`; null for contacts' }),
    permission_set_id: z.string().nullable().openapi({ description: "Contacts: the person's set, over the account's; null: the account's" }),
    capability_overrides: z.record(z.string(), z.boolean()).openapi({ description: "Contacts: applied after the account's overrides" }),
    last_seen_at: NullableTimestamp,
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('User');
export type UserView = z.infer<typeof UserSchema>;

export const CreateContactBody = z
  .object({
    name: Text(200),
    email: Email.openapi({ description: "Unique among the customer's contacts" }),
    external_id: ExternalId.optional().openapi({ description: 'Your id for the person; unique in your tenant' }),
    portal_access: PortalAccess.optional().openapi({ description: 'Default `invited`' }),
  })
  .strict()
  .openapi('CreateContact');
export type CreateContactInput = z.infer<typeof CreateContactBody>;

export const UpdateUserBody = z
  .object({
    portal_access: PortalAccess.optional(),
    name: Text(200).optional(),
    email: Email.optional(),
    staff_role: StaffRole.optional().openapi({ description: 'Staff only (admins)' }),
    permission_set_id: z.string().max(64).nullable().optional().openapi({ description: "Contacts only: a set of the customer's portal type; null returns to the account's (admins)" }),
    capability_overrides: CapabilityOverrides.optional().openapi({ description: 'Contacts only; replaces the overrides (admins)' }),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateUser');
export type UpdateUserInput = z.infer<typeof UpdateUserBody>;

export const TransferBody = z.object({ customer_id: z.string().min(1).max(64) }).strict().openapi('TransferUser');

export const ListContactsQuery = PageQuery.extend({
  portal_access: commaList(PortalAccess).optional().openapi({ type: 'string', example: 'invited,active' }),
  q: z.string().trim().max(200).optional().openapi({ description: 'Keywords, all of which appear in the name, email or external id' }),
});
export type ContactFilters = z.infer<typeof ListContactsQuery>;

/** An invitation sent (`POST /v1/users/{id}/invite`): the person, and when the emailed link stops working. */
export const InvitationSchema = z
  .object({
    user: UserSchema,
    expires_at: Timestamp.openapi({ description: 'When the emailed link stops working (3 days)' }),
  })
  .openapi('Invitation');
export type InvitationView = z.infer<typeof InvitationSchema>;
