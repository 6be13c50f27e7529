import type { Insertable } from 'kysely';
import type { WebhookDeliveryTable } from '../db/database.js';
import { insertRows, type Consumer } from '../events/consumer.js';
import { newId } from '../lib/ids.js';
import { WEBHOOK_EVENT_TYPES } from './webhook.schema.js';

const DELIVERABLE = new Set<string>(WEBHOOK_EVENT_TYPES);

/**
 * The webhook fan-out: each event of the log becomes one delivery per endpoint of its tenant
 * that subscribed to its type (internal items included: the receiver is the vendor's own
 * backend) and existed when the event happened. The body is fixed here, so every retry
 * sends the same bytes under the same `webhook-id`.
 */
export const webhookFanOut: Consumer = {
  name: 'webhooks',
  async plan(db, events) {
    const tenants = [...new Set(events.filter((e) => DELIVERABLE.has(e.type)).map((e) => e.tenant_id))];
    if (tenants.length === 0) return null;
    const endpoints = await db.selectFrom('webhook_endpoints').select(['id', 'tenant_id', 'events', 'created_at']).where('tenant_id', 'in', tenants).execute();
    if (endpoints.length === 0) return null;
    const subscribed = endpoints.map((e) => ({ ...e, types: new Set(JSON.parse(e.events) as string[]) }));

    const now = new Date().toISOString();
    const rows: Insertable<WebhookDeliveryTable>[] = [];
    for (const event of events) {
      if (!DELIVERABLE.has(event.type)) continue;
      for (const endpoint of subscribed) {
        if (endpoint.tenant_id !== event.tenant_id || endpoint.created_at > event.created_at) continue;
        if (!endpoint.types.has('*') && !endpoint.types.has(event.type)) continue;
        rows.push({
          id: newId('msg'),
          tenant_id: event.tenant_id,
          endpoint_id: endpoint.id,
          event_id: event.id,
          type: event.type,
          payload: JSON.stringify({ type: event.type, timestamp: event.created_at, data: JSON.parse(event.data) }),
          status: 'pending',
          attempt_count: 0,
          next_attempt_at: now,
          claim: null,
          claimed_until: null,
          created_at: now,
          completed_at: null,
        });
      }
    }
    return insertRows('webhook_deliveries', rows, ['endpoint_id', 'event_id']);
  },
};
