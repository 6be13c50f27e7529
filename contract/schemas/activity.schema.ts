import { z } from '@hono/zod-openapi';
import { CalendarDate, PageQuery, Timestamp } from './common.schema.js';

/** An instant as an ISO timestamp (any offset) or a date (its UTC midnight), normalised to UTC. */
const Instant = z
  .union([z.iso.datetime({ offset: true }), CalendarDate])
  .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString())
  .openapi({ type: 'string', example: '2026-11-01T00:00:00Z' });

const TYPE = /^[a-z_]+\.(?:[a-z_]+|\*)$/;

/** `type=task.*,comment.created`: exact types, or a family with `.*`. */
const TypeList = z
  .string()
  .transform((raw) => raw.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(TYPE, 'an event type such as task.created, or a family such as task.*')).min(1).max(30))
  .openapi({ type: 'string', example: 'task.*,comment.created' });

export const ActivityFilters = z.object({
  customer_id: z.string().max(64).optional(),
  type: TypeList.optional(),
  actor_id: z.string().max(64).optional().openapi({ description: 'The user who acted' }),
  since: Instant.optional().openapi({ description: 'From this moment on (inclusive)' }),
  until: Instant.optional().openapi({ description: 'Before this moment (exclusive)' }),
});
export type ActivityFilterInput = z.infer<typeof ActivityFilters>;

export const ActivityQuery = PageQuery.extend(ActivityFilters.shape);

/** A short value of a changed field: an enum value, a date, a number, a flag, or null. */
const ShortValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ActivitySchema = z
  .object({
    id: z.number().int().openapi({ description: 'The event id: increasing, the order of the log' }),
    type: z.string().openapi({ example: 'task.updated' }),
    created_at: Timestamp,
    actor: z
      .object({ id: z.string(), name: z.string().nullable(), role: z.enum(['staff', 'contact']).nullable() })
      .nullable()
      .openapi({ description: 'Null for the vendor backend (an API key) and for the system' }),
    customer_id: z.string().nullable(),
    subject_id: z.string(),
    task_id: z.string().nullable(),
    summary: z.string().openapi({ example: 'Updated task “Configure SSO”: status todo → done' }),
    summary_key: z.string().openapi({
      description: 'The summary as a message key, for a client to say it in its own language: the event type, or the type and a variant (`user.signed_out.everywhere`)',
      example: 'task.updated',
    }),
    summary_params: z.record(z.string(), z.union([z.string(), z.number()])).openapi({ description: 'The values the summary names (`title`, `name`, `count`…)', example: { title: 'Configure SSO' } }),
    summary_changes: z
      .array(z.object({ field: z.string(), from: ShortValue.optional(), to: ShortValue.optional() }))
      .openapi({ description: 'The fields a change touched (their names as in the API); `from` and `to` when both are short enough to show', example: [{ field: 'status', from: 'todo', to: 'done' }] }),
    ip: z.string().nullable().openapi({ description: 'The client address of the request (behind TRUST_PROXY, the one the proxy saw); null for the system', example: '203.0.113.7' }),
    user_agent: z.string().nullable().openapi({ description: 'Its User-Agent header (at most 512 characters)' }),
  })
  .openapi('Activity');
export type ActivityView = z.infer<typeof ActivitySchema>;
