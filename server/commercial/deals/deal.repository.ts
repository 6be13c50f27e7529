import { sql, type Kysely } from 'kysely';
import { actorId, type Principal } from '../../auth/principal.js';
import { visibleTo } from '../../auth/visibility.js';
import type { Database, Deal, DealUpdateTable } from '../../db/database.js';
import { onUniqueViolation } from '../../db/errors.js';
import { invalid, notFound } from '../../errors.js';
import { appendEvent } from '../../events/event-log.js';
import type { EventType } from '../../events/event-types.js';
import { recordEvent } from '../../events/record-event.js';
import { changedFields } from '../../lib/changes.js';
import { newId } from '../../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../../lib/pagination.js';
import { accountOf, checkStaff, externalIdTaken } from '../accounts.js';
import { readNullableMoney } from '../money.js';
import { attributeReferrals, followDeal } from '../partners/referral.repository.js';
import { seesValue } from './deal-view.js';
import type { CreateDealInput, DealFilters, DealUpdateView, DealView, UpdateDealInput } from './deal.schema.js';

type Row = Deal & { owner_name: string | null; visited_at: string | null; changed: number };

function toView(row: Row, viewer: Principal): DealView {
  const shared = Boolean(row.value_shared);
  const contact = viewer.kind === 'contact';
  return {
    id: row.id,
    customer_id: row.customer_id,
    external_id: row.external_id,
    name: row.name,
    stage: row.stage,
    stages: JSON.parse(row.stages),
    status: row.status,
    expected_close_date: row.expected_close_date,
    value: seesValue(viewer, { value_shared: shared }) ? readNullableMoney(row.value) : null,
    currency: row.currency,
    value_shared: shared,
    owner_id: row.owner_id,
    owner: row.owner_id && row.owner_name !== null ? { id: row.owner_id, name: row.owner_name } : null,
    next_steps: row.next_steps,
    domain: row.domain,
    visibility: row.visibility,
    changed_since_last_visit: contact ? row.visited_at === null || Boolean(Number(row.changed)) : null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function select(db: Kysely<Database>, principal: Principal) {
  const me = principal.kind === 'contact' ? principal.userId : '';
  return db
    .selectFrom('deals as d')
    .leftJoin('users as o', 'o.id', 'd.owner_id')
    .leftJoin('deal_visits as v', (join) => join.onRef('v.deal_id', '=', 'd.id').on('v.user_id', '=', me))
    .selectAll('d')
    .select('o.name as owner_name')
    .select('v.visited_at')
    .select(
      sql<number>`case when exists (select 1 from deal_updates as u where u.deal_id = d.id and u.visibility = 'portal' and u.created_at > v.visited_at) then 1 else 0 end`.as('changed'),
    )
    .where(visibleTo(principal, 'deals', 'd'));
}

/** The deals `principal` may see (a contact: its customer's shared ones, with `deals.view`), newest first. */
export async function listDeals(db: Kysely<Database>, principal: Principal, filters: Omit<DealFilters, 'limit' | 'cursor'> & PageRequest): Promise<Page<DealView>> {
  let query = select(db, principal);
  if (filters.customer_id) query = query.where('d.customer_id', '=', filters.customer_id);
  if (filters.status) query = query.where('d.status', '=', filters.status);
  if (filters.external_id) query = query.where('d.external_id', '=', filters.external_id);
  if (filters.owner_id) query = query.where('d.owner_id', '=', filters.owner_id === 'me' ? (actorId(principal) ?? '') : filters.owner_id);
  const [paged, toPage] = paginate(query, 'd', filters, 'desc');
  return toPage((await paged.execute()) as Row[], (row) => toView(row, principal));
}

export async function getDeal(db: Kysely<Database>, principal: Principal, id: string): Promise<DealView> {
  const row = (await select(db, principal).where('d.id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound('Deal');
  return toView(row, principal);
}

/** A contact opened the deal: what changed since is measured from now. */
export async function markVisited(db: Kysely<Database>, principal: Principal, dealId: string): Promise<void> {
  if (principal.kind !== 'contact') return;
  const now = new Date().toISOString();
  await db
    .insertInto('deal_visits')
    .values({ deal_id: dealId, user_id: principal.userId, visited_at: now })
    .onConflict((oc) => oc.columns(['deal_id', 'user_id']).doUpdateSet({ visited_at: now }))
    .execute();
}

/** The team's view of a deal, for the event log (the stream redacts per viewer). */
const teamView = (db: Kysely<Database>, principal: Principal, id: string) => getDeal(db, { kind: 'system', tenantId: principal.tenantId }, id);

function record(trx: Kysely<Database>, principal: Principal, type: EventType, deal: DealView, extra: Record<string, unknown> = {}) {
  return recordEvent(trx, principal, { type, table: 'deals', subjectId: deal.id, customerId: deal.customer_id, taskId: null, data: { deal, ...extra } });
}

async function addUpdates(trx: Kysely<Database>, principal: Principal, dealId: string, updates: Pick<DealUpdateTable, 'kind' | 'previous' | 'current' | 'body' | 'visibility'>[]): Promise<DealUpdateView[]> {
  const at = new Date().toISOString();
  const rows = updates.map((u) => ({ id: newId('dup'), tenant_id: principal.tenantId, deal_id: dealId, created_by: actorId(principal), created_at: at, ...u }));
  if (rows.length > 0) await trx.insertInto('deal_updates').values(rows).execute();
  return rows.map(({ tenant_id: _t, ...r }) => r);
}

/** Creates a deal, or with an `external_id` already known updates that one: `created` says which. */
export async function upsertDeal(trx: Kysely<Database>, principal: Principal, input: CreateDealInput): Promise<{ deal: DealView; created: boolean }> {
  await accountOf(trx, principal, input.customer_id);
  if (input.external_id) {
    const existing = await trx.selectFrom('deals').select(['id', 'customer_id']).where('tenant_id', '=', principal.tenantId).where('external_id', '=', input.external_id).executeTakeFirst();
    if (existing) {
      if (existing.customer_id !== input.customer_id) throw externalIdTaken();
      const { customer_id: _c, external_id: _e, ...patch } = input;
      return { deal: await updateDeal(trx, principal, existing.id, patch), created: false };
    }
  }
  if (input.owner_id) await checkStaff(trx, principal.tenantId, input.owner_id, 'owner_id');
  const now = new Date().toISOString();
  const row: Deal = {
    id: newId('del'),
    tenant_id: principal.tenantId,
    customer_id: input.customer_id,
    external_id: input.external_id ?? null,
    name: input.name,
    stage: input.stage,
    stages: JSON.stringify(input.stages),
    status: input.status ?? 'open',
    expected_close_date: input.expected_close_date ?? null,
    value: input.value ?? null,
    currency: input.currency,
    value_shared: input.value_shared ? 1 : 0,
    owner_id: input.owner_id ?? null,
    next_steps: input.next_steps ?? '',
    domain: input.domain ?? null,
    visibility: input.visibility ?? 'portal',
    created_at: now,
    updated_at: now,
  };
  await onUniqueViolation(() => trx.insertInto('deals').values(row).execute(), externalIdTaken());
  const deal = await teamView(trx, principal, row.id);
  await record(trx, principal, 'deal.created', deal);
  await attributeReferrals(trx, principal, deal);
  return { deal, created: true };
}

const FIELDS = ['name', 'stage', 'status', 'expected_close_date', 'value', 'currency', 'value_shared', 'owner_id', 'next_steps', 'domain', 'visibility'] as const;
/** The changes a contact's timeline shows, as they happen. */
const SHARED = ['stage', 'expected_close_date', 'next_steps', 'status'] as const;

export async function updateDeal(trx: Kysely<Database>, principal: Principal, id: string, patch: UpdateDealInput): Promise<DealView> {
  const before = await teamView(trx, principal, id);
  const stages = patch.stages ?? before.stages;
  const stage = patch.stage ?? before.stage;
  if (!stages.includes(stage)) throw invalid('The stage is not one of the stages', [{ path: 'stage', message: 'not one of `stages`' }]);
  if (patch.owner_id) await checkStaff(trx, principal.tenantId, patch.owner_id, 'owner_id');
  const { changes, previous } = changedFields(before, patch, FIELDS);
  const stagesChanged = patch.stages !== undefined && JSON.stringify(patch.stages) !== JSON.stringify(before.stages);
  if (changes.length === 0 && !stagesChanged) return before;
  const set: Record<string, unknown> = Object.fromEntries(changes.map((f) => [f, patch[f]]));
  if ('value_shared' in set) set.value_shared = set.value_shared ? 1 : 0;
  if (stagesChanged) set.stages = JSON.stringify(patch.stages);
  await trx.updateTable('deals').set({ ...set, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  await addUpdates(
    trx,
    principal,
    id,
    SHARED.filter((f) => changes.includes(f)).map((f) => ({ kind: f, previous: text(before[f]), current: text(patch[f]), body: null, visibility: 'portal' as const })),
  );
  const after = await teamView(trx, principal, id);
  await record(trx, principal, 'deal.updated', after, { changes: stagesChanged ? [...changes, 'stages'] : changes, previous });
  if (changes.includes('status')) await followDeal(trx, principal, after);
  if (changes.includes('domain')) await attributeReferrals(trx, principal, after);
  return after;
}

/** A note on the timeline: shared with the customer, or (internal) for colleagues only, never a contact. */
export async function addDealNote(trx: Kysely<Database>, principal: Principal, id: string, body: string, visibility: 'portal' | 'internal'): Promise<DealUpdateView> {
  const deal = await teamView(trx, principal, id);
  const [update] = await addUpdates(trx, principal, id, [{ kind: 'note', previous: null, current: null, body, visibility }]);
  const data = { deal, update };
  if (visibility === 'portal') await record(trx, principal, 'deal.note_added', deal, { update });
  else await appendEvent(trx, { tenantId: principal.tenantId, customerId: deal.customer_id, visibility: 'internal', type: 'deal.note_added', subjectId: id, actorId: actorId(principal), data });
  return update!;
}

/** The deal's timeline, newest first: a contact reads the shared updates only (and has now visited). */
export async function dealTimeline(db: Kysely<Database>, principal: Principal, id: string, page: PageRequest): Promise<Page<DealUpdateView>> {
  await getDeal(db, principal, id);
  let query = db.selectFrom('deal_updates as u').select(['u.id', 'u.deal_id', 'u.kind', 'u.previous', 'u.current', 'u.body', 'u.visibility', 'u.created_by', 'u.created_at']).where('u.deal_id', '=', id);
  if (principal.kind === 'contact') query = query.where('u.visibility', '=', 'portal');
  const [paged, toPage] = paginate(query, 'u', page, 'desc');
  return toPage(await paged.execute(), (row) => row);
}
