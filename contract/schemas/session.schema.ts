import { z } from '@hono/zod-openapi';
import { Timestamp } from './common.schema.js';

/** A browser session of the caller (`GET /v1/me/sessions`). */
export const SessionSchema = z
  .object({
    id: z.string().openapi({ example: 'ses_3kTMd92jf0aPq8sL1xQz7b' }),
    created_at: Timestamp.openapi({ description: 'When it was signed in' }),
    last_used_at: Timestamp,
    expires_at: Timestamp.openapi({ description: 'When it ends unless used again (idle time, never past the maximum age)' }),
    ip: z.string().nullable().openapi({ description: 'Where it was signed in from' }),
    user_agent: z.string().nullable(),
    current: z.boolean().openapi({ description: 'The session the caller\'s token came from' }),
  })
  .openapi('Session');
export type SessionView = z.infer<typeof SessionSchema>;
