import { z } from '@hono/zod-openapi';
import { ThreadSchema } from './thread.schema.js';

export const WorkspaceSchema = z
  .object({
    registration_id: z.string(),
    deal_id: z.string().openapi({ description: 'The deal the approval opened: tasks, documents and the thread of the workspace carry it (`?deal_id=`)' }),
    thread: ThreadSchema.nullable().openapi({ description: 'The workspace\'s notes (the deal\'s one thread); null until opened (`POST /v1/threads {deal_id}`)' }),
    tasks: z.object({ open: z.number().int(), done: z.number().int() }).openapi({ description: 'The workspace\'s tasks the caller may see' }),
    documents: z.number().int().openapi({ description: 'The workspace\'s files the caller may see' }),
  })
  .openapi('CosellingWorkspace');
export type WorkspaceView = z.infer<typeof WorkspaceSchema>;
