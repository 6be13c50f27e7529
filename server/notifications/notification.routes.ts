import { createRoute } from '@hono/zod-openapi';
import { allow, personOf } from '../auth/policy.js';
import { createRouter } from '../lib/router.js';
import { errorResponses, json, jsonBody } from '../lib/schemas.js';
import { listNotifications, markRead } from './notification.repository.js';
import { ListNotificationsQuery, MarkReadBody, NotificationPage, UnreadCount } from './notification.schema.js';

const tags = ['Notifications'];

/** `/v1/notifications`: the caller's own in-app notifications (embed tokens only). */
export const notificationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/notifications',
      middleware: [allow('notifications.use')] as const,
      tags,
      summary: "The caller's notifications, newest first, with the unread count",
      request: { query: ListNotificationsQuery },
      responses: { 200: json(NotificationPage, 'A page of notifications'), ...errorResponses },
    }),
    async (c) => {
      const principal = personOf(c.var.principal);
      return c.json(await listNotifications(c.var.deps.db, principal, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/notifications/read',
      middleware: [allow('notifications.use')] as const,
      tags,
      summary: 'Mark notifications read: `{ids: [...]}` or `{all: true}`',
      request: { body: jsonBody(MarkReadBody) },
      responses: { 200: json(UnreadCount, 'What is still unread'), ...errorResponses },
    }),
    async (c) => {
      const principal = personOf(c.var.principal);
      return c.json({ unread_count: await markRead(c.var.deps.db, principal, c.req.valid('json')) }, 200);
    },
  );
