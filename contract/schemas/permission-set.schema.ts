import { z } from '@hono/zod-openapi';
import { CAPABILITIES, PORTAL_TYPES } from '../capabilities.js';
import { PageQuery, Text, Timestamp } from './common.schema.js';

export const PortalType = z.enum(PORTAL_TYPES);

/** A capability name; an unknown one answers 400 with the name in `details`. */
export const CapabilityName = z.enum(CAPABILITIES, { error: (issue) => `unknown capability ${JSON.stringify(issue.input)}` });

/** `{"finance.view": true, "tasks.create": false}`: every key a capability, every value a boolean. */
export const CapabilityOverrides = z
  .record(z.string(), z.boolean())
  .superRefine((value, ctx) => {
    const known = new Set<string>(CAPABILITIES);
    for (const key of Object.keys(value)) {
      if (!known.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: `unknown capability ${JSON.stringify(key)}` });
    }
  })
  .openapi({ example: { 'finance.view': true, 'tasks.create': false }, description: 'Grants (true) and removals (false) on top of the permission set' });

export const PermissionSetSchema = z
  .object({
    id: z.string().openapi({ example: 'pms_3kTMd92jf0aPq8sL1xQz7b' }),
    name: z.string(),
    portal_type: PortalType,
    capabilities: z.array(CapabilityName),
    built_in: z.boolean().openapi({ description: 'Full access and Limited access: their capabilities follow the product and cannot be changed' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('PermissionSet');
export type PermissionSetView = z.infer<typeof PermissionSetSchema>;

const Capabilities = z.array(CapabilityName).max(CAPABILITIES.length * 2);

export const CreatePermissionSetBody = z
  .object({
    name: Text(100),
    portal_type: PortalType.default('customer'),
    capabilities: Capabilities,
  })
  .strict()
  .openapi('CreatePermissionSet');
export type CreatePermissionSetInput = z.infer<typeof CreatePermissionSetBody>;

export const UpdatePermissionSetBody = z
  .object({ name: Text(100).optional(), capabilities: Capabilities.optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdatePermissionSet');
export type UpdatePermissionSetInput = z.infer<typeof UpdatePermissionSetBody>;

export const ListPermissionSetsQuery = PageQuery.extend({ portal_type: PortalType.optional() });
export type PermissionSetFilters = z.infer<typeof ListPermissionSetsQuery>;
