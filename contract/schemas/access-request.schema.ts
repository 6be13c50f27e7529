import { z } from '@hono/zod-openapi';
import { EmailAddress, Timestamp } from './common.schema.js';

/** One line of a person's text: a name, a company. */
const Line = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\p{Cc}]+$/u, 'one line of text');

export const AccessRequestBody = z
  .object({
    tenant: z.string().trim().min(1).max(48).openapi({ description: "The tenant's slug, as in /p/<slug>", example: 'acme' }),
    email: EmailAddress.openapi({ example: 'lee@initech.test' }),
    name: Line(200).openapi({ example: 'Lee Park' }),
    company: Line(200).openapi({ example: 'Initech' }),
  })
  .strict()
  .openapi('AccessRequestBody');
export type AccessRequestInput = z.infer<typeof AccessRequestBody>;

export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;

export const AccessRequestSchema = z
  .object({
    id: z.string().openapi({ example: 'acr_01J…' }),
    email: z.string(),
    name: z.string(),
    company: z.string().openapi({ description: 'As the person typed it: staff pick the customer' }),
    status: z.enum(ACCESS_REQUEST_STATUSES),
    customer_id: z.string().nullable().openapi({ description: 'Approved: the customer the contact was created in' }),
    user_id: z.string().nullable().openapi({ description: 'Approved: the contact created' }),
    decided_by: z.string().nullable(),
    decided_at: Timestamp.nullable(),
    created_at: Timestamp,
  })
  .openapi('AccessRequest');
export type AccessRequestView = z.infer<typeof AccessRequestSchema>;

export const AccessRequestQuery = z.object({
  status: z.enum(ACCESS_REQUEST_STATUSES).optional().openapi({ description: 'Only these; without it, all (newest first)' }),
});

export const AccessDecisionBody = z
  .object({
    approve: z.boolean(),
    customer_id: z.string().max(64).optional().openapi({ description: 'Needed to approve: the customer the contact joins' }),
  })
  .strict()
  .refine((body) => !body.approve || body.customer_id, { message: 'choose the customer to approve into', path: ['customer_id'] })
  .openapi('AccessDecision');
export type AccessDecisionInput = z.infer<typeof AccessDecisionBody>;
