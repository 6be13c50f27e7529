import { sql, type Kysely } from 'kysely';
import { actorId, type Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Database, FolderRow } from '../db/database.js';
import { ApiError, forbidden, invalid, notFound } from '../errors.js';
import { recordEvent } from '../events/record-event.js';
import { changedFields } from '../lib/changes.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import type { CreateFolderInput, FolderFilters, FolderView, UpdateFolderInput } from './folder.schema.js';

/** How deep folders nest: deep enough for any project, shallow enough to keep paths short. */
export const MAX_DEPTH = 20;

type FolderWithCounts = FolderRow & { document_count: number | string | bigint; folder_count: number | string | bigint };

function toFolderView(row: FolderWithCounts): FolderView {
  return {
    id: row.id,
    customer_id: row.customer_id,
    parent_id: row.parent_id,
    name: row.name,
    visibility: row.visibility,
    document_count: Number(row.document_count),
    folder_count: Number(row.folder_count),
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Folders visible to `principal`, each with the counts of what it holds that `principal` sees. */
const visibleFolders = (db: Kysely<Database>, principal: Principal) =>
  db
    .selectFrom('folders as f')
    .selectAll('f')
    .select((eb) => [
      eb.selectFrom('documents as fd').select(eb.fn.countAll().as('n')).whereRef('fd.folder_id', '=', 'f.id').where(visibleTo(principal, 'documents', 'fd')).as('document_count'),
      eb.selectFrom('folders as fc').select(eb.fn.countAll().as('n')).whereRef('fc.parent_id', '=', 'f.id').where(visibleTo(principal, 'folders', 'fc')).as('folder_count'),
    ])
    .where(visibleTo(principal, 'folders', 'f'));

/** The folder `id` if `principal` may see it (an internal folder above it hides it from contacts). */
export async function findFolder(db: Kysely<Database>, principal: Principal, id: string): Promise<FolderRow | undefined> {
  return db.selectFrom('folders as f').selectAll('f').where('f.id', '=', id).where(visibleTo(principal, 'folders', 'f')).executeTakeFirst();
}

/** The folder `id` with its counts, else a 404. */
export async function getFolder(db: Kysely<Database>, principal: Principal, id: string): Promise<FolderView> {
  const row = await visibleFolders(db, principal).where('f.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Folder');
  return toFolderView(row as FolderWithCounts);
}

/**
 * The folders `principal` may see, oldest first: all of them, or those directly inside
 * `parent_id` (`root`: the top level).
 * @example await listFolders(db, principal, { customer_id: 'cus_…', parent_id: 'root', limit: 200 });
 */
export async function listFolders(db: Kysely<Database>, principal: Principal, filters: Omit<FolderFilters, 'limit' | 'cursor'> & PageRequest): Promise<Page<FolderView>> {
  let query = visibleFolders(db, principal);
  if (filters.customer_id) query = query.where('f.customer_id', '=', filters.customer_id);
  if (filters.parent_id === 'root') query = query.where('f.parent_id', 'is', null);
  else if (filters.parent_id) query = query.where('f.parent_id', '=', filters.parent_id);
  const [paged, toPage] = paginate(query, 'f', filters);
  return toPage(await paged.execute(), (row) => toFolderView(row as FolderWithCounts));
}

/** The folder that `parentId` names, for a folder of `customerId` (when given). */
async function parentFolder(db: Kysely<Database>, principal: Principal, parentId: string, customerId: string | undefined): Promise<FolderRow> {
  const parent = await findFolder(db, principal, parentId);
  if (!parent) throw notFound('Folder');
  if (customerId !== undefined && parent.customer_id !== customerId) {
    throw invalid('The parent folder belongs to another customer', [{ path: 'parent_id', message: 'not a folder of this customer' }]);
  }
  if (parent.path.split('/').length - 2 >= MAX_DEPTH) throw invalid(`Folders nest at most ${MAX_DEPTH} deep`, [{ path: 'parent_id', message: 'too deep' }]);
  return parent;
}

const folderEvent = (type: 'folder.created' | 'folder.updated' | 'folder.deleted', folder: { id: string; customer_id: string }, data: unknown) =>
  ({ type, table: 'folders', subjectId: folder.id, customerId: folder.customer_id, taskId: null, data }) as const;

/**
 * Creates a folder at the top level of a customer's files or inside another folder of the same
 * customer. A contact's folder is always `portal` and its own customer's. Appends `folder.created`.
 * @example await createFolder(trx, principal, { customer_id: 'cus_…', name: 'Contracts' });
 */
export async function createFolder(trx: Kysely<Database>, principal: Principal, input: CreateFolderInput): Promise<FolderView> {
  const ownCustomer = principal.kind === 'contact' ? principal.customerId : undefined;
  const parent = input.parent_id ? await parentFolder(trx, principal, input.parent_id, input.customer_id ?? ownCustomer) : null;
  const customerId = parent?.customer_id ?? input.customer_id ?? ownCustomer;
  if (!customerId) throw invalid('Say which customer the folder is for', [{ path: 'customer_id', message: 'required without parent_id' }]);
  if (!parent) {
    const customer = await trx.selectFrom('customers as c').select('c.id').where('c.id', '=', customerId).where(visibleTo(principal, 'customers', 'c')).executeTakeFirst();
    if (!customer) throw notFound('Customer');
  }
  const id = newId('fld');
  const now = new Date().toISOString();
  const row: FolderRow = {
    id,
    tenant_id: principal.tenantId,
    customer_id: customerId,
    parent_id: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    name: input.name,
    visibility: input.visibility ?? 'portal',
    created_by: actorId(principal),
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  await trx.insertInto('folders').values(row).execute();
  const folder = toFolderView({ ...row, document_count: 0, folder_count: 0 });
  await recordEvent(trx, principal, folderEvent('folder.created', folder, { folder }));
  return folder;
}

/** A contact changes only the folders it created; the team changes any. */
function assertMayChange(principal: Principal, folder: FolderRow): void {
  if (principal.kind === 'contact' && folder.created_by !== principal.userId) throw forbidden('Only its creator or the vendor\'s team may change a folder');
}

/**
 * Renames, moves (into another folder of the same customer, never into itself or below
 * itself), shares or hides a folder. Whatever is inside follows: moved with it, hidden with it.
 * Appends `folder.updated`.
 * @example await updateFolder(trx, principal, 'fld_…', { parent_id: 'fld_…' });
 */
export async function updateFolder(trx: Kysely<Database>, principal: Principal, id: string, patch: UpdateFolderInput): Promise<FolderView> {
  const before = await findFolder(trx, principal, id);
  if (!before) throw notFound('Folder');
  assertMayChange(principal, before);
  const { changes, previous } = changedFields(before, patch, ['name', 'visibility', 'parent_id']);
  if (patch.parent_id === null && before.parent_id !== null && !changes.includes('parent_id')) changes.push('parent_id');
  if (changes.length === 0) return getFolder(trx, principal, id);
  const set: Partial<FolderRow> = { updated_at: new Date().toISOString() };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.visibility !== undefined) set.visibility = patch.visibility;
  if (changes.includes('parent_id')) {
    const parent = patch.parent_id ? await parentFolder(trx, principal, patch.parent_id, before.customer_id) : null;
    if (parent && parent.path.startsWith(before.path)) {
      throw invalid('A folder cannot move into itself or one of its own folders', [{ path: 'parent_id', message: 'would make a cycle' }]);
    }
    const path = `${parent?.path ?? '/'}${id}/`;
    const deepest = await trx
      .selectFrom('folders')
      .select('path')
      .where('tenant_id', '=', principal.tenantId)
      .where(sql<boolean>`substr(path, 1, ${before.path.length}) = ${before.path}`)
      .orderBy(sql`length(path)`, 'desc')
      .limit(1)
      .executeTakeFirst();
    const depth = (p: string) => p.split('/').length - 2;
    if (deepest && depth(path) + depth(deepest.path) - depth(before.path) > MAX_DEPTH) throw invalid(`Folders nest at most ${MAX_DEPTH} deep`, [{ path: 'parent_id', message: 'too deep' }]);
    // The folder and everything below it take the new path prefix.
    await trx
      .updateTable('folders')
      .set({ path: sql`${path} || substr(path, ${before.path.length + 1})` })
      .where('tenant_id', '=', principal.tenantId)
      .where(sql<boolean>`substr(path, 1, ${before.path.length}) = ${before.path}`)
      .execute();
    set.parent_id = parent?.id ?? null;
  }
  await trx.updateTable('folders').set(set).where('id', '=', id).execute();
  // A contact can neither hide a folder nor move it where it cannot see: it still sees it.
  const folder = await getFolder(trx, principal, id);
  await recordEvent(trx, principal, folderEvent('folder.updated', folder, { folder, changes, previous }));
  return folder;
}

/** Deletes an empty folder (409 `folder_not_empty` otherwise). Appends `folder.deleted`. */
export async function deleteFolder(trx: Kysely<Database>, principal: Principal, id: string): Promise<void> {
  const folder = await findFolder(trx, principal, id);
  if (!folder) throw notFound('Folder');
  assertMayChange(principal, folder);
  const document = await trx.selectFrom('documents').select('id').where('folder_id', '=', id).where('deleted_at', 'is', null).limit(1).executeTakeFirst();
  const child = await trx.selectFrom('folders').select('id').where('parent_id', '=', id).where('deleted_at', 'is', null).limit(1).executeTakeFirst();
  if (document || child) throw new ApiError(409, 'folder_not_empty', 'Move or delete what is inside the folder first');
  // Whether a contact may see it is decided before it disappears.
  await recordEvent(trx, principal, folderEvent('folder.deleted', folder, { folder: { id, customer_id: folder.customer_id, parent_id: folder.parent_id } }));
  await trx.updateTable('folders').set({ deleted_at: new Date().toISOString() }).where('id', '=', id).execute();
}
