import { z } from '@hono/zod-openapi';
import { NullableTimestamp, PageQuery, Timestamp } from './common.schema.js';
import { NOTIFICATION_KINDS } from '../values.js';

export const NotificationSchema = z
  .object({
    id: z.string().openapi({ example: 'ntf_3kTMd92jf0aPq8sL1xQz7b' }),
    kind: z.enum(NOTIFICATION_KINDS),
    task_id: z.string().nullable(),
    thread_id: z.string().nullable().openapi({ description: 'The thread of a message or of a mention in one' }),
    actor: z.object({ id: z.string(), name: z.string() }).nullable().openapi({ description: 'Who did it; null for the vendor backend or the scheduler' }),
    title: z.string(),
    body: z.string(),
    read_at: NullableTimestamp,
    created_at: Timestamp,
  })
  .openapi('Notification');
export type NotificationView = z.infer<typeof NotificationSchema>;

export const NotificationPage = z
  .object({
    data: z.array(NotificationSchema),
    next_cursor: z.string().nullable(),
    unread_count: z.number().int().openapi({ description: 'Unread notifications the caller may see, all pages together' }),
  })
  .openapi('NotificationPage');

export const ListNotificationsQuery = PageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .openapi({ type: 'string', description: '`true`: unread ones only' }),
});
export type NotificationFilters = z.infer<typeof ListNotificationsQuery>;

export const MarkReadBody = z
  .union([
    z.object({ ids: z.array(z.string().max(64)).min(1).max(200) }).strict(),
    z.object({ all: z.literal(true) }).strict(),
  ])
  .openapi('MarkNotificationsRead', { example: { ids: ['ntf_3kTMd92jf0aPq8sL1xQz7b'] } });
export type MarkReadInput = z.infer<typeof MarkReadBody>;

export const UnreadCount = z.object({ unread_count: z.number().int() }).openapi('UnreadCount');
