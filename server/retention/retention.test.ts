import { describe, expect, it } from 'vitest';
import type { RetentionSettings } from '../config.js';
import { consumeBatch, type Consumer } from '../events/consumer.js';
import { notificationFanOut } from '../notifications/notification-fanout.js';
import { buildWorld, databases, startTestApp } from '../test/harness.js';
import { webhookFanOut } from '../webhooks/webhook-fanout.js';
import { deliverDue } from '../webhooks/webhook-sender.js';
import { runRetention } from './retention.js';

const DAY = 86_400_000;
const DEFAULTS: RetentionSettings = { eventDays: 90, readNotificationDays: 90, webhookDays: 30, idempotencyHours: 24, magicLinkDays: 1, analyticsViewDays: 30 };
const EVERY = 600_000;

describe.each(databases)('the retention job on $name', (database) => {
  it('prunes what is past its time, keeps what a consumer has not reached, and runs once per period across instances', { timeout: 60_000 }, async () => {
    const t = await startTestApp(database, { webhookAllowPrivate: true });
    try {
      const w = await buildWorld(t);
      const drain = async (consumer: Consumer) => {
        while ((await consumeBatch(t.deps, consumer, 100)) > 0) {
          // until the consumer is at the head of the log
        }
      };
      const count = async (table: 'events' | 'notifications' | 'webhook_deliveries' | 'webhook_attempts' | 'idempotency_keys' | 'magic_links') =>
        Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

      // A webhook whose one attempt fails (nothing listens on port 9): a finished delivery.
      await t.request('POST', '/v1/webhook-endpoints', { auth: w.key, body: { url: 'http://127.0.0.1:9/hooks', events: ['task.created'] } });
      const assign = (title: string) =>
        t.request('POST', '/v1/tasks', { auth: w.staff, body: { title, customer_id: w.customerA, assignee_ids: [w.contactAId] }, headers: { 'idempotency-key': title } });
      expect((await assign('Sign the contract')).status).toBe(201);
      await drain(notificationFanOut);
      await drain(webhookFanOut);
      await deliverDue(t.deps, { retryDelaysMs: [], timeoutMs: 2000, allowPrivate: true });
      expect((await t.request('POST', '/v1/notifications/read', { auth: w.contactA, body: { all: true } })).status).toBe(200);
      // Unread, and a delivery still pending: both stay.
      expect((await assign('Upload the logo')).status).toBe(201);
      await drain(notificationFanOut);
      await drain(webhookFanOut);
      expect((await t.request('POST', '/v1/auth/magic-link', { body: { tenant: (await t.deps.db.selectFrom('tenants').select('slug').where('id', '=', w.tenantId).executeTakeFirstOrThrow()).slug, email: 'ana@acme.test' } })).status).toBe(202);
      // Written after the consumers last ran: not theirs yet, so never pruned.
      const late = (await t.request('POST', '/v1/tasks', { auth: w.key, body: { title: 'Not consumed yet', customer_id: w.customerB } })).body.id;

      const before = { events: await count('events'), notifications: await count('notifications'), deliveries: await count('webhook_deliveries') };
      expect(await count('magic_links')).toBe(1);
      expect(await count('webhook_attempts')).toBe(1);

      // A month on: only the idempotency keys and the sign-in link are past their time.
      const month = await runRetention(t.deps.db, DEFAULTS, { everyMs: EVERY, now: Date.now() + 31 * DAY });
      expect(month.ran).toBe(true);
      expect(month.deleted).toMatchObject({ events: 0, notifications: 0, idempotency_keys: 2, magic_links: 1, webhook_deliveries: 1 });
      expect(await count('webhook_attempts')).toBe(0);
      expect(await count('events')).toBe(before.events);

      // Once per period, whichever instance asks first.
      const later = Date.now() + 100 * DAY;
      const both = await Promise.all([runRetention(t.deps.db, DEFAULTS, { everyMs: EVERY, now: later }), runRetention(t.deps.db, DEFAULTS, { everyMs: EVERY, now: later + 5 })]);
      expect(both.map((r) => r.ran).sort()).toEqual([false, true]);
      const report = both.find((r) => r.ran)!;
      expect(report.deleted.notifications).toBe(1);
      expect(report.deleted.events).toBe(before.events - 1);
      const left = await t.deps.db.selectFrom('events').select(['subject_id', 'type']).execute();
      expect(left).toEqual([{ subject_id: late, type: 'task.created' }]);
      expect(await count('notifications')).toBe(1);
      const inbox = await t.request('GET', '/v1/notifications', { auth: w.contactA });
      expect([inbox.body.data.length, inbox.body.unread_count]).toEqual([1, 1]);
      expect(await count('webhook_deliveries')).toBe(before.deliveries - 1);

      // 0 days keeps a kind for good.
      await drain(notificationFanOut);
      await drain(webhookFanOut);
      const forever = await runRetention(t.deps.db, { ...DEFAULTS, eventDays: 0, readNotificationDays: 0, webhookDays: 0 }, { everyMs: EVERY, now: later + 365 * DAY });
      expect(forever.ran).toBe(true);
      expect(forever.deleted.events).toBeUndefined();
      expect(await count('events')).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
