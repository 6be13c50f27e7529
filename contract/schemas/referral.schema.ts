import { z } from '@hono/zod-openapi';
import { PageQuery, Timestamp } from './common.schema.js';
import { ProspectBody, ProspectSchema } from './prospect.schema.js';

export const ReferralStatus = z.enum(['submitted', 'in_pipeline', 'won', 'lost']);

export const ReferralSchema = z
  .object({
    id: z.string().openapi({ example: 'ref_3kTMd92jf0aPq8sL1xQz7b' }),
    customer_id: z.string().openapi({ description: 'The partner' }),
    prospect: ProspectSchema,
    note: z.string(),
    status: ReferralStatus,
    deal_id: z.string().nullable().openapi({ description: "The vendor's deal it was attributed to (null for partner contacts: that deal is another customer's)" }),
    submitted_by: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Referral');
export type ReferralView = z.infer<typeof ReferralSchema>;

export const CreateReferralBody = z
  .object({
    customer_id: z.string().max(64).optional().openapi({ description: 'Staff and API keys: the partner; a partner contact omits it' }),
    prospect: ProspectBody,
    note: z.string().max(5_000).optional(),
  })
  .strict()
  .openapi('CreateReferral');
export type CreateReferralInput = z.infer<typeof CreateReferralBody>;

export const UpdateReferralBody = z.object({ status: ReferralStatus }).strict().openapi('UpdateReferral');

export const ListReferralsQuery = PageQuery.extend({ customer_id: z.string().max(64).optional(), status: ReferralStatus.optional() });
export type ReferralFilters = z.infer<typeof ListReferralsQuery>;
