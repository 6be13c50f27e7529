import type { Kysely } from 'kysely';
import { actorId, type Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Database, PageRow } from '../db/database.js';
import { invalid, notFound } from '../errors.js';
import type { EventType } from '../events/event-types.js';
import { recordEvent } from '../events/record-event.js';
import { changedFields } from '../lib/changes.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import { checkImages, normalizeBody } from './page-media.js';
import type { CreatePageInput, PageFilters, PageView, UpdatePageInput } from './page.schema.js';

function toView(row: PageRow): PageView {
  return {
    id: row.id,
    customer_id: row.customer_id,
    portal_type: row.portal_type,
    title: row.title,
    body: row.body,
    visibility: row.visibility,
    pinned: row.pinned === 1,
    welcome: row.welcome === 1,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/**
 * The pages `principal` may see, newest first. With `welcome`, a contact's own customer's
 * welcome page comes before the tenant-wide one (the more specific greeting wins).
 * @example await listPages(db, principal, { pinned: true, limit: 50 });
 */
export async function listPages(db: Kysely<Database>, principal: Principal, filters: Omit<PageFilters, 'limit' | 'cursor'> & PageRequest): Promise<Page<PageView>> {
  let query = db.selectFrom('pages as p').selectAll('p').where(visibleTo(principal, 'pages', 'p'));
  if (filters.customer_id === 'none') query = query.where('p.customer_id', 'is', null);
  else if (filters.customer_id) query = query.where('p.customer_id', '=', filters.customer_id);
  if (filters.portal_type) query = query.where('p.portal_type', '=', filters.portal_type);
  if (filters.pinned !== undefined) query = query.where('p.pinned', '=', filters.pinned ? 1 : 0);
  if (filters.welcome !== undefined) query = query.where('p.welcome', '=', filters.welcome ? 1 : 0);
  const [paged, toPage] = paginate(query, 'p', filters, 'desc');
  const page = toPage(await paged.execute(), toView);
  if (filters.welcome) page.data.sort((a, b) => Number(a.customer_id === null) - Number(b.customer_id === null));
  return page;
}

/** The page with `id`, a 404 when it is absent or not visible to `principal`. */
export async function getPage(db: Kysely<Database>, principal: Principal, id: string): Promise<PageView> {
  const row = await db.selectFrom('pages as p').selectAll('p').where('p.id', '=', id).where(visibleTo(principal, 'pages', 'p')).executeTakeFirst();
  if (!row) throw notFound('Page');
  return toView(row);
}

function recordPageEvent(db: Kysely<Database>, principal: Principal, type: EventType, page: PageView, extra: Record<string, unknown> = {}): Promise<void> {
  return recordEvent(db, principal, { type, table: 'pages', subjectId: page.id, customerId: page.customer_id, taskId: null, data: { page, ...extra } });
}

/** The audience of a new page: a customer the caller sees (with its portal type), or every customer of one portal type. */
async function audienceOf(db: Kysely<Database>, principal: Principal, input: CreatePageInput): Promise<{ customer_id: string | null; portal_type: PageRow['portal_type'] }> {
  if (!input.customer_id) return { customer_id: null, portal_type: input.portal_type ?? 'customer' };
  const customer = await db
    .selectFrom('customers as c')
    .select(['c.id', 'c.portal_type'])
    .where('c.id', '=', input.customer_id)
    .where(visibleTo(principal, 'customers', 'c'))
    .executeTakeFirst();
  if (!customer) throw notFound('Customer');
  if (input.portal_type && input.portal_type !== customer.portal_type) {
    throw invalid('A customer’s page has the customer’s portal type', [{ path: 'portal_type', message: `the customer's portal type is ${customer.portal_type}` }]);
  }
  return { customer_id: customer.id, portal_type: customer.portal_type };
}

/**
 * One welcome page per audience: making `page` the welcome page ends the previous one's turn
 * (each records `page.updated`).
 */
async function takeOverWelcome(trx: Kysely<Database>, principal: Principal, page: PageView): Promise<void> {
  let others = trx.selectFrom('pages').selectAll().where('tenant_id', '=', principal.tenantId).where('welcome', '=', 1).where('deleted_at', 'is', null).where('id', '<>', page.id);
  others = page.customer_id ? others.where('customer_id', '=', page.customer_id) : others.where('customer_id', 'is', null).where('portal_type', '=', page.portal_type);
  const now = new Date().toISOString();
  for (const row of await others.execute()) {
    await trx.updateTable('pages').set({ welcome: 0, updated_at: now }).where('id', '=', row.id).execute();
    await recordPageEvent(trx, principal, 'page.updated', toView({ ...row, welcome: 0, updated_at: now }), { changes: ['welcome'], previous: { welcome: true } });
  }
}

/** Creates a page (the team's), checking its media; records `page.created`. */
export async function createPage(trx: Kysely<Database>, principal: Principal, input: CreatePageInput): Promise<PageView> {
  const audience = await audienceOf(trx, principal, input);
  const { body, documentIds } = normalizeBody(input.body);
  await checkImages(trx, principal, documentIds, audience.customer_id);
  const now = new Date().toISOString();
  const row: PageRow = {
    id: newId('pag'),
    tenant_id: principal.tenantId,
    ...audience,
    title: input.title,
    body,
    visibility: input.visibility ?? 'portal',
    pinned: input.pinned ? 1 : 0,
    welcome: input.welcome ? 1 : 0,
    created_by: actorId(principal),
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  await trx.insertInto('pages').values(row).execute();
  const page = toView(row);
  if (page.welcome) await takeOverWelcome(trx, principal, page);
  await recordPageEvent(trx, principal, 'page.created', page);
  return page;
}

/** Changes a page; records `page.updated` with what changed. */
export async function updatePage(trx: Kysely<Database>, principal: Principal, id: string, patch: UpdatePageInput): Promise<PageView> {
  const before = await getPage(trx, principal, id);
  const next = { ...patch };
  if (patch.body !== undefined) {
    const { body, documentIds } = normalizeBody(patch.body);
    await checkImages(trx, principal, documentIds, before.customer_id);
    next.body = body;
  }
  const { changes, previous } = changedFields(before, next, ['title', 'body', 'visibility', 'pinned', 'welcome']);
  if (changes.length === 0) return before;
  const set = Object.fromEntries(changes.map((field) => [field, typeof next[field] === 'boolean' ? Number(next[field]) : next[field]]));
  const updatedAt = new Date().toISOString();
  await trx.updateTable('pages').set({ ...set, updated_at: updatedAt }).where('id', '=', id).execute();
  const after: PageView = { ...before, ...next, updated_at: updatedAt };
  if (changes.includes('welcome') && after.welcome) await takeOverWelcome(trx, principal, after);
  await recordPageEvent(trx, principal, 'page.updated', after, { changes, previous });
  return after;
}

/** Deletes a page (soft: the log keeps it); `page.deleted` is recorded first, so its readers hear it is gone. */
export async function deletePage(trx: Kysely<Database>, principal: Principal, id: string): Promise<void> {
  const page = await getPage(trx, principal, id);
  await recordEvent(trx, principal, { type: 'page.deleted', table: 'pages', subjectId: id, customerId: page.customer_id, taskId: null, data: { page: { id, customer_id: page.customer_id, title: page.title } } });
  const now = new Date().toISOString();
  await trx.updateTable('pages').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
}
