import { z } from '@hono/zod-openapi';
import { parseCidr } from '../auth/ip-allowlist.js';
import { CreateCustomerFields, UpdateCustomerFields } from '../../contract/schemas/customer.schema.js';

/** Defined once in the contract (`contract/`), which the widget's types derive from. */
export * from '../../contract/schemas/customer.schema.js';

/** A CIDR (`203.0.113.0/24`, `2001:db8::/32`) or one address, kept in its canonical form. */
const Cidr = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const cidr = parseCidr(value);
    if (!cidr) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not an IPv4 or IPv6 CIDR (the network address, e.g. 203.0.113.0/24)` });
      return z.NEVER;
    }
    return cidr.canonical;
  })
  .openapi({ type: 'string', example: '203.0.113.0/24' });

/** The contract's `ip_allowlist`, checked and made canonical. */
const ipAllowlist = { ip_allowlist: z.array(Cidr).max(100).optional().openapi({ description: 'Replaces the allowlist; empty allows any address (admins)' }) };

export const CreateCustomerBody = CreateCustomerFields.extend(ipAllowlist).openapi('CreateCustomer');
export type CreateCustomerInput = z.infer<typeof CreateCustomerBody>;

export const UpdateCustomerBody = UpdateCustomerFields.extend(ipAllowlist)
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateCustomer');
export type UpdateCustomerInput = z.infer<typeof UpdateCustomerBody>;
