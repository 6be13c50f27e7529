import { z } from '@hono/zod-openapi';
import { PageQuery, Text, Timestamp, Visibility } from './common.schema.js';
import { PortalType } from './permission-set.schema.js';

export const PageSchema = z
  .object({
    id: z.string().openapi({ example: 'pag_3kTMd92jf0aPq8sL1xQz7b' }),
    customer_id: z.string().nullable().openapi({ description: 'Null: every customer of `portal_type`' }),
    portal_type: PortalType,
    title: z.string(),
    body: z.string().openapi({ description: 'Markdown: images as `![alt](doc_…)`, videos as `![title](https://youtu.be/…)` (YouTube, Vimeo, Loom)' }),
    visibility: Visibility,
    pinned: z.boolean(),
    welcome: z.boolean().openapi({ description: 'Greets a contact on a first visit, before the tour' }),
    created_by: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Page');
export type PageView = z.infer<typeof PageSchema>;

const Body = z.string().max(100_000);

export const CreatePageBody = z
  .object({
    title: Text(200),
    body: Body,
    customer_id: z.string().max(64).nullable().optional().openapi({ description: 'Absent or null: every customer of `portal_type`' }),
    portal_type: PortalType.optional().openapi({ description: 'Default: the customer’s portal type, or `customer`' }),
    visibility: Visibility.optional().openapi({ description: 'Default `portal`' }),
    pinned: z.boolean().optional(),
    welcome: z.boolean().optional().openapi({ description: 'Makes it the welcome page of its audience (the previous one stops being it)' }),
  })
  .strict()
  .openapi('CreatePage');
export type CreatePageInput = z.infer<typeof CreatePageBody>;

export const UpdatePageBody = z
  .object({
    title: Text(200).optional(),
    body: Body.optional(),
    visibility: Visibility.optional(),
    pinned: z.boolean().optional(),
    welcome: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdatePage');
export type UpdatePageInput = z.infer<typeof UpdatePageBody>;

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ListPagesQuery = PageQuery.extend({
  customer_id: z.string().max(64).optional().openapi({ description: 'The team: one customer’s pages (with `none`, only the tenant-wide ones)' }),
  portal_type: PortalType.optional(),
  pinned: Flag.optional(),
  welcome: Flag.optional().openapi({ description: '`true`: the welcome page(s); a contact gets its own customer’s before the tenant-wide one' }),
});
export type PageFilters = z.infer<typeof ListPagesQuery>;
