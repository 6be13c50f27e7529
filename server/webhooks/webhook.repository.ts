import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { Database, WebhookDelivery, WebhookEndpoint } from '../db/database.js';
import { ApiError, notFound } from '../errors.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import { checkWebhookUrl } from './safe-target.js';
import { newWebhookSecret } from './webhook-signature.js';
import type {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveryView,
  WebhookEndpointView,
} from './webhook.schema.js';

export const toEndpointView = (row: WebhookEndpoint): WebhookEndpointView => ({
  id: row.id,
  url: row.url,
  events: JSON.parse(row.events) as string[],
  created_at: row.created_at,
  updated_at: row.updated_at,
});

/** A set of event types without repeats; `*` alone when it is there. */
const normalizeEvents = (events: string[]) => (events.includes('*') ? ['*'] : [...new Set(events)]);

/**
 * Registers an endpoint of the caller's tenant and answers it with its secret (the only time
 * the secret is shown). A target on a loopback, private or link-local address is a 400.
 * @example const { secret } = await createEndpoint(db, principal, { url, events: ['*'] }, false);
 */
export async function createEndpoint(
  db: Kysely<Database>,
  principal: Principal,
  input: CreateWebhookEndpointInput,
  allowPrivate: boolean,
): Promise<WebhookEndpointView & { secret: string }> {
  await checkWebhookUrl(input.url, allowPrivate);
  const now = new Date().toISOString();
  const row: WebhookEndpoint = {
    id: newId('whe'),
    tenant_id: principal.tenantId,
    url: input.url,
    events: JSON.stringify(normalizeEvents(input.events)),
    secret: newWebhookSecret(),
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('webhook_endpoints').values(row).execute();
  return { ...toEndpointView(row), secret: row.secret };
}

async function findEndpoint(db: Kysely<Database>, principal: Principal, id: string): Promise<WebhookEndpoint> {
  const row = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).where('tenant_id', '=', principal.tenantId).executeTakeFirst();
  if (!row) throw notFound('Webhook endpoint');
  return row;
}

export async function getEndpoint(db: Kysely<Database>, principal: Principal, id: string): Promise<WebhookEndpointView> {
  return toEndpointView(await findEndpoint(db, principal, id));
}

export async function listEndpoints(db: Kysely<Database>, principal: Principal, request: PageRequest): Promise<Page<WebhookEndpointView>> {
  const [query, toPage] = paginate(db.selectFrom('webhook_endpoints as w').selectAll('w').where('w.tenant_id', '=', principal.tenantId), 'w', request);
  return toPage(await query.execute(), toEndpointView);
}

export async function updateEndpoint(
  db: Kysely<Database>,
  principal: Principal,
  id: string,
  patch: UpdateWebhookEndpointInput,
  allowPrivate: boolean,
): Promise<WebhookEndpointView> {
  const before = await findEndpoint(db, principal, id);
  if (patch.url !== undefined) await checkWebhookUrl(patch.url, allowPrivate);
  const changes = {
    ...(patch.url !== undefined ? { url: patch.url } : {}),
    ...(patch.events !== undefined ? { events: JSON.stringify(normalizeEvents(patch.events)) } : {}),
    updated_at: new Date().toISOString(),
  };
  await db.updateTable('webhook_endpoints').set(changes).where('id', '=', id).execute();
  return toEndpointView({ ...before, ...changes });
}

/** Deletes an endpoint; its pending deliveries go with it. */
export async function deleteEndpoint(db: Kysely<Database>, principal: Principal, id: string): Promise<void> {
  await findEndpoint(db, principal, id);
  await db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
}

const toDeliveryView = (row: WebhookDelivery, attempts: WebhookDeliveryView['attempts']): WebhookDeliveryView => ({
  id: row.id,
  event_id: row.event_id,
  type: row.type,
  status: row.status,
  attempt_count: row.attempt_count,
  next_attempt_at: row.next_attempt_at,
  created_at: row.created_at,
  completed_at: row.completed_at,
  attempts,
});

/**
 * An endpoint's deliveries, newest first, each with every attempt made so far.
 * @example const page = await listDeliveries(db, principal, 'whe_…', { limit: 50 });
 */
export async function listDeliveries(db: Kysely<Database>, principal: Principal, endpointId: string, request: PageRequest): Promise<Page<WebhookDeliveryView>> {
  await findEndpoint(db, principal, endpointId);
  const [query, toPage] = paginate(db.selectFrom('webhook_deliveries as d').selectAll('d').where('d.endpoint_id', '=', endpointId), 'd', request, 'desc');
  const rows = await query.execute();
  const views = new Map((await withAttempts(db, rows)).map((view) => [view.id, view]));
  return toPage(rows, (row) => views.get(row.id)!);
}

/** Deliveries with every attempt made so far, in the order given. */
async function withAttempts(db: Kysely<Database>, rows: WebhookDelivery[]): Promise<WebhookDeliveryView[]> {
  const attempts = rows.length
    ? await db
        .selectFrom('webhook_attempts')
        .select(['delivery_id', 'attempt', 'started_at', 'duration_ms', 'response_status', 'error'])
        .where('delivery_id', 'in', rows.map((r) => r.id))
        .orderBy('delivery_id')
        .orderBy('attempt')
        .execute()
    : [];
  const byDelivery = new Map<string, WebhookDeliveryView['attempts']>();
  for (const { delivery_id, ...attempt } of attempts) byDelivery.set(delivery_id, [...(byDelivery.get(delivery_id) ?? []), attempt]);
  return rows.map((row) => toDeliveryView(row, byDelivery.get(row.id) ?? []));
}

/**
 * Sends a delivery again now, whatever became of it: a failed one gets one more attempt, a
 * succeeded one is delivered again (same `webhook-id`, so a receiver that deduplicates ignores
 * it), a pending one stops waiting for its next retry. Attempts keep their numbering. One being
 * attempted at this moment answers 409 `delivery_in_progress`.
 * @example await retryDelivery(db, principal, 'whe_…', 'msg_…');
 */
export async function retryDelivery(db: Kysely<Database>, principal: Principal, endpointId: string, deliveryId: string): Promise<WebhookDeliveryView> {
  await findEndpoint(db, principal, endpointId);
  const now = new Date().toISOString();
  const updated = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: now, completed_at: null })
    .where('id', '=', deliveryId)
    .where('endpoint_id', '=', endpointId)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    const exists = await db.selectFrom('webhook_deliveries').select('id').where('id', '=', deliveryId).where('endpoint_id', '=', endpointId).executeTakeFirst();
    if (!exists) throw notFound('Webhook delivery');
    throw new ApiError(409, 'delivery_in_progress', 'This delivery is being attempted right now; look again in a moment');
  }
  const row = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirstOrThrow();
  const [delivery] = await withAttempts(db, [row]);
  return delivery!;
}
