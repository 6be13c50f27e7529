import { z } from '@hono/zod-openapi';
import { Domain, Text } from './common.schema.js';

/** The company a partner brings: its domain (given, else its email's) is what conflicts and attribution compare. */
export const ProspectBody = z
  .object({
    company: Text(300),
    contact_name: Text(200),
    email: z.string().trim().toLowerCase().email().max(320),
    domain: Domain.optional(),
  })
  .strict()
  .openapi('Prospect');

export const ProspectSchema = z.object({ company: z.string(), contact_name: z.string(), email: z.string(), domain: z.string() });
