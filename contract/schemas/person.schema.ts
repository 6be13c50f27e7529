import { z } from '@hono/zod-openapi';
import { Role } from './common.schema.js';

/** Someone the caller may assign or mention (`GET /v1/people`). */
export const PersonSchema = z
  .object({
    id: z.string().openapi({ example: 'usr_3kTMd92jf0aPq8sL1xQz7b' }),
    name: z.string(),
    role: Role,
    customer_id: z.string().nullable(),
    email: z.string().nullable().optional().openapi({ description: 'API keys and staff only' }),
  })
  .openapi('Person');
export type PersonView = z.infer<typeof PersonSchema>;
