import { z } from '@hono/zod-openapi';
import { Role, Text, Timestamp, Visibility } from './common.schema.js';

export const CommentSchema = z
  .object({
    id: z.string().openapi({ example: 'cmt_3kTMd92jf0aPq8sL1xQz7b' }),
    task_id: z.string(),
    customer_id: z.string(),
    author_id: z.string().nullable().openapi({ description: 'Null when an API key wrote it' }),
    author: z.object({ id: z.string(), name: z.string(), role: Role }).nullable(),
    body: z.string().openapi({ description: 'Markdown, as written: render it through a sanitizer' }),
    visibility: Visibility,
    mentions: z.array(z.string()).openapi({ description: 'The ids of the people `@Name` mentions' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Comment');
export type CommentView = z.infer<typeof CommentSchema>;

export const CreateCommentBody = z
  .object({
    body: Text(20_000).openapi({ description: 'Markdown; `@Name` mentions one of the people of the task\'s customer' }),
    visibility: Visibility.optional().openapi({ description: 'Default `portal`; a contact may not set `internal`' }),
  })
  .strict()
  .openapi('CreateComment');
export type CreateCommentInput = z.infer<typeof CreateCommentBody>;

export const UpdateCommentBody = z
  .object({ visibility: Visibility.openapi({ description: 'Share a comment with the customer, or take it back (API keys and staff)' }) })
  .strict()
  .openapi('UpdateComment');
export type UpdateCommentInput = z.infer<typeof UpdateCommentBody>;
