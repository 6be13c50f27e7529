import { z } from '@hono/zod-openapi';
import { CAPABILITIES, PORTAL_TYPES } from '../capabilities.js';
import { Role } from './common.schema.js';
import { StaffRole } from './user.schema.js';
import { BrandingSchema } from './branding.schema.js';
import { PreferencesSchema } from './preferences.schema.js';

export const MeSchema = z
  .object({
    user: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      role: Role,
      staff_role: StaffRole.nullable().openapi({ description: 'Staff: `admin` or `member`; null for contacts' }),
      customer_id: z.string().nullable(),
      preferences: PreferencesSchema,
    }),
    capabilities: z.array(z.enum(CAPABILITIES)).openapi({ description: 'What the caller may do: a contact its effective capabilities, staff every one' }),
    customer: z
      .object({ id: z.string(), name: z.string(), portal_type: z.enum(PORTAL_TYPES).openapi({ description: 'Which portal it is: the views a partner is offered differ' }) })
      .nullable()
      .openapi({ description: 'A contact\'s customer; for staff, the customer the token was issued for, if any' }),
    tenant: z.object({ id: z.string(), name: z.string(), slug: z.string(), branding: BrandingSchema }),
  })
  .openapi('Me');
export type MeView = z.infer<typeof MeSchema>;
