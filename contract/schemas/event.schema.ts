import { z } from '@hono/zod-openapi';
import { Timestamp } from './common.schema.js';

/**
 * One event of the live stream (`GET /v1/events`): the JSON of an event's `data:` line, as
 * `server/events/live-stream.ts` writes it. The OpenAPI document describes the frame in words
 * (the response is `text/event-stream`, not JSON) and no route names this schema, so it is not in
 * the document; it is the one definition the service's frame and the widget's `PortalEvent` share.
 * `data` depends on `type` (the table in `server/events/event-types.ts`).
 */
export const PortalEventSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  customer_id: z.string().nullable(),
  subject_id: z.string(),
  task_id: z.string().nullable(),
  actor_id: z.string().nullable(),
  created_at: Timestamp,
  data: z.record(z.string(), z.unknown()),
});
export type PortalEventView = z.infer<typeof PortalEventSchema>;
