import { z } from '@hono/zod-openapi';
import { NullableTimestamp, PageQuery, Role, Text, Timestamp, Visibility } from './common.schema.js';

const Id = z.string().max(64);

export const ThreadSchema = z
  .object({
    id: z.string().openapi({ example: 'thr_3kTMd92jf0aPq8sL1xQz7b' }),
    customer_id: z.string(),
    project_id: z.string().nullable(),
    deal_id: z.string().nullable(),
    general: z.boolean().openapi({ description: 'The customer\'s general thread, there from the start' }),
    subject: z.string(),
    visibility: Visibility,
    created_by: z.string().nullable(),
    created_at: Timestamp,
    last_message_at: NullableTimestamp.openapi({ description: 'The newest message the caller may see' }),
    unread_count: z.number().int().openapi({ description: 'Messages the caller may see, by others, after its read marker' }),
  })
  .openapi('Thread');
export type ThreadView = z.infer<typeof ThreadSchema>;

export const CreateThreadBody = z
  .object({
    customer_id: Id.optional().openapi({ description: 'Required for API keys and staff; a contact\'s own customer otherwise' }),
    project_id: Id.nullable().optional(),
    deal_id: Id.nullable().optional().openapi({ description: 'A deal the caller may see: answers its one thread (200), opening it on first use (201)' }),
    subject: Text(200).optional().openapi({ description: 'Required without `deal_id`; a deal\'s thread defaults to the deal\'s name' }),
    visibility: Visibility.optional().openapi({ description: 'Default `portal`; `internal`: a thread of the team alone' }),
  })
  .strict()
  .openapi('CreateThread');
export type CreateThreadInput = z.infer<typeof CreateThreadBody>;

export const ThreadFilters = PageQuery.extend({
  customer_id: Id.optional(),
  project_id: Id.optional(),
  deal_id: Id.optional(),
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .openapi({ type: 'string', description: '`true`: threads with unread messages only' }),
});
export type ThreadFilterInput = z.infer<typeof ThreadFilters>;

export const ReadReceipt = z.object({ user_id: z.string(), name: z.string(), read_at: Timestamp }).openapi('ReadReceipt');

export const MessageSchema = z
  .object({
    id: z.string().openapi({ example: 'msg_3kTMd92jf0aPq8sL1xQz7b' }),
    thread_id: z.string(),
    customer_id: z.string(),
    author_id: z.string().nullable().openapi({ description: 'Null when an API key wrote it' }),
    author: z.object({ id: z.string(), name: z.string(), role: Role }).nullable(),
    body: z.string().openapi({ description: 'Markdown, as written: render it through a sanitizer' }),
    visibility: Visibility.openapi({ description: '`internal`: a note to colleagues that no contact sees' }),
    mentions: z.array(z.string()),
    document_ids: z.array(z.string()),
    read_by: z.array(ReadReceipt).openapi({ description: 'Who has read up to this message (its author aside), of the people the caller may see' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Message');
export type MessageView = z.infer<typeof MessageSchema>;

export const CreateMessageBody = z
  .object({
    body: Text(20_000).openapi({ description: 'Markdown; `@Name` mentions one of the people of the thread\'s customer' }),
    visibility: Visibility.optional().openapi({ description: 'Default `portal`; a contact may not set `internal`' }),
    document_ids: z.array(Id).max(20).optional().openapi({ description: 'Documents of the thread\'s customer to attach' }),
  })
  .strict()
  .openapi('CreateMessage');
export type CreateMessageInput = z.infer<typeof CreateMessageBody>;

export const MessageFilters = PageQuery.extend({
  order: z.enum(['newest', 'oldest']).default('newest').openapi({ description: 'Default `newest` first, so the first page is the latest' }),
});
export type MessageFilterInput = z.infer<typeof MessageFilters>;

export const MarkThreadReadBody = z.object({ message_id: Id }).strict().openapi('MarkThreadRead');
export type MarkThreadReadInput = z.infer<typeof MarkThreadReadBody>;
