import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { Database, RequestTypeRow } from '../db/database.js';
import { invalid, notFound } from '../errors.js';
import { recordInternalChange } from '../events/record-event.js';
import { changedFields } from '../lib/changes.js';
import { newId } from '../lib/ids.js';
import type { CreateRequestTypeInput, RequestField, RequestTypeView, UpdateRequestTypeInput } from './request-type.schema.js';

export function toRequestTypeView(row: RequestTypeRow): RequestTypeView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    fields: JSON.parse(row.fields) as RequestField[],
    sla_hours: row.sla_hours,
    assign_to: row.assign_to,
    task_visibility: row.task_visibility,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Keys are unique; a `select` has its options, and only a `select` has options. */
function checkFields(fields: readonly RequestField[]): RequestField[] {
  const failing: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const [i, field] of fields.entries()) {
    if (seen.has(field.key)) failing.push({ path: `fields.${i}.key`, message: `the key "${field.key}" is used twice` });
    seen.add(field.key);
    if (field.type === 'select' && !field.options?.length) failing.push({ path: `fields.${i}.options`, message: 'a select field needs its options' });
    if (field.type !== 'select' && field.options) failing.push({ path: `fields.${i}.options`, message: 'only a select field has options' });
    if (field.options && new Set(field.options).size !== field.options.length) failing.push({ path: `fields.${i}.options`, message: 'an option is listed twice' });
  }
  if (failing.length > 0) throw invalid('Some fields are not right', failing);
  return fields.map((f) => ({ key: f.key, label: f.label, type: f.type, required: f.required, ...(f.type === 'select' ? { options: f.options! } : {}) }));
}

/** `assign_to` names the account owner, no one, or an active staff user of the tenant. */
async function checkAssignTo(db: Kysely<Database>, tenantId: string, assignTo: string): Promise<void> {
  if (assignTo === 'owner' || assignTo === 'none') return;
  const staff = await db.selectFrom('users').select('id').where('id', '=', assignTo).where('tenant_id', '=', tenantId).where('role', '=', 'staff').where('portal_access', '=', 'active').executeTakeFirst();
  if (!staff) throw invalid('assign_to names no staff user of this portal', [{ path: 'assign_to', message: 'not an active staff user' }]);
}

/**
 * The request types on offer in the tenant, in their order (deleted ones are gone from it).
 * @example const { data } = await listRequestTypes(db, principal);
 */
export async function listRequestTypes(db: Kysely<Database>, principal: Principal): Promise<{ data: RequestTypeView[]; next_cursor: null }> {
  const rows = await db.selectFrom('request_types').selectAll().where('tenant_id', '=', principal.tenantId).where('deleted_at', 'is', null).orderBy('position').orderBy('created_at').orderBy('id').execute();
  return { data: rows.map(toRequestTypeView), next_cursor: null };
}

/** A type of the tenant by id; `withDeleted` for a request's type that has since been deleted. */
export async function findRequestType(db: Kysely<Database>, tenantId: string, id: string, withDeleted = false): Promise<RequestTypeRow> {
  let query = db.selectFrom('request_types').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId);
  if (!withDeleted) query = query.where('deleted_at', 'is', null);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('Request type');
  return row;
}

/** The row of a new request type at `position`, its `fields` checked: the API's and the defaults'. */
export function requestTypeRow(tenantId: string, input: CreateRequestTypeInput, fields: readonly RequestField[], position: number, now: string): RequestTypeRow {
  return {
    id: newId('rqt'),
    tenant_id: tenantId,
    name: input.name,
    description: input.description,
    fields: JSON.stringify(fields),
    sla_hours: input.sla_hours,
    assign_to: input.assign_to,
    task_visibility: input.task_visibility,
    position,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
}

/** Creates a request type at the end of the list; `request_type.created` (internal). */
export async function createRequestType(trx: Kysely<Database>, principal: Principal, input: CreateRequestTypeInput): Promise<RequestTypeView> {
  const fields = checkFields(input.fields);
  await checkAssignTo(trx, principal.tenantId, input.assign_to);
  const last = await trx.selectFrom('request_types').select(({ fn }) => fn.max('position').as('max')).where('tenant_id', '=', principal.tenantId).executeTakeFirst();
  const row = requestTypeRow(principal.tenantId, input, fields, Number(last?.max ?? -1) + 1, new Date().toISOString());
  await trx.insertInto('request_types').values(row).execute();
  const view = toRequestTypeView(row);
  await recordInternalChange(trx, principal, 'request_type.created', row.id, null, { request_type: view });
  return view;
}

/** Changes a request type; requests filed before keep their values and their due time. */
export async function updateRequestType(trx: Kysely<Database>, principal: Principal, id: string, patch: UpdateRequestTypeInput): Promise<RequestTypeView> {
  const row = await findRequestType(trx, principal.tenantId, id);
  if (patch.assign_to !== undefined) await checkAssignTo(trx, principal.tenantId, patch.assign_to);
  const next: RequestTypeRow = {
    ...row,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.fields !== undefined ? { fields: JSON.stringify(checkFields(patch.fields)) } : {}),
    ...(patch.sla_hours !== undefined ? { sla_hours: patch.sla_hours } : {}),
    ...(patch.assign_to !== undefined ? { assign_to: patch.assign_to } : {}),
    ...(patch.task_visibility !== undefined ? { task_visibility: patch.task_visibility } : {}),
    updated_at: new Date().toISOString(),
  };
  const before = toRequestTypeView(row);
  const after = toRequestTypeView(next);
  // Fields are compared as the JSON they are stored as.
  const { changes, previous } = changedFields({ ...before, fields: row.fields }, { ...after, fields: next.fields }, ['name', 'description', 'fields', 'sla_hours', 'assign_to', 'task_visibility']);
  if (changes.length === 0) return before;
  await trx.updateTable('request_types').set(next).where('id', '=', id).execute();
  await recordInternalChange(trx, principal, 'request_type.updated', id, null, { request_type: after, changes, previous: { ...previous, ...(previous.fields ? { fields: before.fields } : {}) } });
  return after;
}

/** Retires a request type: no longer offered; the requests filed with it stay as they are. */
export async function deleteRequestType(trx: Kysely<Database>, principal: Principal, id: string): Promise<void> {
  const row = await findRequestType(trx, principal.tenantId, id);
  await trx.updateTable('request_types').set({ deleted_at: new Date().toISOString() }).where('id', '=', id).execute();
  await recordInternalChange(trx, principal, 'request_type.deleted', id, null, { request_type: toRequestTypeView(row) });
}
