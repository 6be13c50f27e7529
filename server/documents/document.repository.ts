import type { Kysely } from 'kysely';
import { actorId, isTeam, type Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Database, DocumentRow, DocumentVersionRow } from '../db/database.js';
import { ApiError, forbidden, invalid, notFound } from '../errors.js';
import { appendEvent } from '../events/event-log.js';
import { recordEvent } from '../events/record-event.js';
import { changedFields } from '../lib/changes.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import { keywords } from '../lib/search.js';
import { findFolder } from '../folders/folder.repository.js';
import { findTask } from '../tasks/task.repository.js';
import { releaseDocumentBlobs } from './blob-refs.js';
import { scopeToDeal } from '../commercial/deals/deal-scope.js';
import { LOGO_TYPES } from './content-type.js';
import type { DocumentFilters, DocumentVersionView, DocumentView, LibraryFilters, UpdateDocumentInput, UploadFieldsInput } from './document.schema.js';

type DocumentWithUploader = DocumentRow & { uploader_name: string | null };

/** A document as `principal` sees it: a library document's download count is for the team. */
export function toDocumentView(row: DocumentWithUploader, principal?: Principal): DocumentView {
  const library = row.library_category !== null;
  return {
    id: row.id,
    customer_id: row.customer_id,
    task_id: row.task_id,
    folder_id: row.folder_id,
    deal_id: row.deal_id,
    name: row.name,
    content_type: row.content_type,
    size: row.size,
    sha256: row.sha256,
    visibility: row.visibility,
    uploaded_by: row.uploaded_by,
    uploader: row.uploaded_by && row.uploader_name !== null ? { id: row.uploaded_by, name: row.uploader_name } : null,
    version: row.version,
    library_category: row.library_category,
    portal_type: row.portal_type,
    ...(library && principal && isTeam(principal) ? { downloads: Number(row.download_count) } : {}),
    created_at: row.created_at,
  };
}

/** Documents with their uploader's name, visible to `principal`. */
const visibleDocuments = (db: Kysely<Database>, principal: Principal) =>
  db
    .selectFrom('documents as d')
    .leftJoin('users as u', 'u.id', 'd.uploaded_by')
    .selectAll('d')
    .select('u.name as uploader_name')
    .where(visibleTo(principal, 'documents', 'd'));

/** A page of `query`'s documents, newest first, narrowed to the keywords `q` of their names. */
async function searchedPage(query: ReturnType<typeof visibleDocuments>, principal: Principal, filters: { q?: string | undefined } & PageRequest): Promise<Page<DocumentView>> {
  const search = filters.q ? keywords(filters.q, ['d.name']) : null;
  if (search) query = query.where(search);
  const [paged, toPage] = paginate(query, 'd', filters, 'desc');
  return toPage(await paged.execute(), (row) => toDocumentView(row, principal));
}

/**
 * The documents `principal` may see, newest first.
 * @example await listDocuments(db, principal, { task_id: 'tsk_…', limit: 50 });
 */
export async function listDocuments(db: Kysely<Database>, principal: Principal, filters: Omit<DocumentFilters, 'limit' | 'cursor'> & PageRequest): Promise<Page<DocumentView>> {
  // The library has its own list (`listLibrary`); a customer's documents are its own.
  let query = visibleDocuments(db, principal).where('d.library_category', 'is', null);
  if (filters.customer_id) query = query.where('d.customer_id', '=', filters.customer_id);
  if (filters.task_id) query = query.where('d.task_id', '=', filters.task_id);
  if (filters.deal_id) query = query.where('d.deal_id', '=', filters.deal_id);
  if (filters.folder_id === 'root') query = query.where('d.folder_id', 'is', null);
  else if (filters.folder_id) query = query.where('d.folder_id', '=', filters.folder_id);
  return searchedPage(query, principal, filters);
}

/**
 * The library documents `principal` may see, newest first: a contact the ones published to its
 * customer's portal type, the team every one (or one audience's with `portal_type`).
 * @example await listLibrary(db, principal, { category: 'training', limit: 50 });
 */
export async function listLibrary(db: Kysely<Database>, principal: Principal, filters: Omit<LibraryFilters, 'limit' | 'cursor'> & PageRequest): Promise<Page<DocumentView>> {
  let query = visibleDocuments(db, principal).where('d.library_category', 'is not', null).where('d.customer_id', 'is', null);
  if (filters.category) query = query.where('d.library_category', '=', filters.category);
  if (filters.portal_type) query = query.where('d.portal_type', '=', filters.portal_type);
  return searchedPage(query, principal, filters);
}

/** Counts one download of a library document (other documents are not counted). */
export async function countDownload(trx: Kysely<Database>, document: DocumentView): Promise<void> {
  if (document.library_category === null) return;
  await trx.updateTable('documents').set((eb) => ({ download_count: eb('download_count', '+', 1) })).where('id', '=', document.id).execute();
}

/** The document `id` if `principal` may see it, else a 404. */
export async function getDocument(db: Kysely<Database>, principal: Principal, id: string): Promise<DocumentView> {
  const row = await visibleDocuments(db, principal).where('d.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Document');
  return toDocumentView(row, principal);
}

/**
 * Where a new document belongs: a task's customer, a customer, or (a logo) the tenant itself;
 * refused (404, 400, 415) when `principal` may not put it there.
 * @example await placeDocument(db, principal, { folder_id: 'fld_…' }, 'application/pdf');
 */
export async function placeDocument(db: Kysely<Database>, principal: Principal, fields: UploadFieldsInput, contentType: string): Promise<Placement & { folderId: string | null }> {
  // A deal names its customer too: its files are its customer's, seen by who may see the deal.
  if (fields.deal_id) {
    const other = (['library_category', 'purpose'] as const).find((f) => fields[f] !== undefined);
    if (other) throw invalid('A file of a deal is its customer\'s, not the library\'s or the tenant\'s', [{ path: other, message: 'not allowed with deal_id' }]);
    const deal = await scopeToDeal(db, principal, fields.deal_id, fields.customer_id);
    fields = { ...fields, customer_id: deal.customer_id };
  }
  if (fields.library_category !== undefined && fields.folder_id) throw invalid('A library document is in no customer\'s folder', [{ path: 'folder_id', message: 'not allowed with library_category' }]);
  // A folder names its customer: filing a document in one is enough to place it.
  if (fields.folder_id && !fields.task_id && !fields.customer_id && fields.purpose === undefined) {
    const folder = await findFolder(db, principal, fields.folder_id);
    if (!folder) throw notFound('Folder');
    fields = { ...fields, customer_id: folder.customer_id };
  }
  const placed = await placeOutsideFolders(db, principal, fields, contentType);
  if (!fields.folder_id) return { ...placed, folderId: null };
  if (placed.customerId === null) throw invalid('A tenant file is not filed in a customer\'s folder', [{ path: 'folder_id', message: 'not allowed with purpose=logo' }]);
  const folder = await folderOf(db, principal, fields.folder_id, placed.customerId);
  return { ...placed, folderId: folder };
}

/** The folder `folderId` of `customerId`, when `principal` may see it: 404 for an unseen one, 400 for another customer's. */
async function folderOf(db: Kysely<Database>, principal: Principal, folderId: string, customerId: string | null): Promise<string> {
  const folder = await findFolder(db, principal, folderId);
  if (!folder) throw notFound('Folder');
  if (folder.customer_id !== customerId) throw invalid('The folder belongs to another customer', [{ path: 'folder_id', message: 'not a folder of the document\'s customer' }]);
  return folder.id;
}

/** Where a document goes: its customer (null: the tenant's), its task, and the deal it is work of (its own, else its task's). */
interface Placement {
  customerId: string | null;
  taskId: string | null;
  dealId: string | null;
}

async function placeOutsideFolders(db: Kysely<Database>, principal: Principal, fields: UploadFieldsInput, contentType: string): Promise<Placement> {
  if (fields.library_category !== undefined) {
    const other = (['task_id', 'customer_id', 'purpose'] as const).find((f) => fields[f] !== undefined);
    if (other) throw invalid('A library document belongs to every customer, not to one customer, task or purpose', [{ path: other, message: 'not allowed with library_category' }]);
    return { customerId: null, taskId: null, dealId: null };
  }
  if (fields.portal_type !== undefined) throw invalid('portal_type says who a library document is published to', [{ path: 'portal_type', message: 'only with library_category' }]);
  if (fields.purpose === 'logo') {
    if (fields.task_id || fields.customer_id) {
      throw invalid('A logo belongs to the tenant, not to a customer or task', [{ path: fields.task_id ? 'task_id' : 'customer_id', message: 'not allowed with purpose=logo' }]);
    }
    if (!LOGO_TYPES.has(contentType)) throw new ApiError(415, 'unsupported_media_type', 'A logo must be a PNG, JPEG, GIF or WebP image');
    return { customerId: null, taskId: null, dealId: null };
  }
  if (fields.task_id) {
    const task = await findTask(db, principal, fields.task_id);
    if (!task) throw notFound('Task');
    if (fields.customer_id && fields.customer_id !== task.customer_id) {
      throw invalid('The task belongs to another customer', [{ path: 'task_id', message: 'not a task of customer_id' }]);
    }
    if (fields.deal_id && task.deal_id !== fields.deal_id) throw invalid('The task is not work of this deal', [{ path: 'task_id', message: 'not a task of deal_id' }]);
    return { customerId: task.customer_id, taskId: task.id, dealId: task.deal_id };
  }
  const customerId = fields.customer_id ?? (principal.kind === 'contact' ? principal.customerId : undefined);
  if (!customerId) throw invalid('Say which customer the document is for', [{ path: 'customer_id', message: 'required without task_id' }]);
  const customer = await db.selectFrom('customers as c').select('c.id').where('c.id', '=', customerId).where(visibleTo(principal, 'customers', 'c')).executeTakeFirst();
  if (!customer) throw notFound('Customer');
  return { customerId, taskId: null, dealId: fields.deal_id ?? null };
}

const documentEvent = (type: 'document.created' | 'document.updated' | 'document.deleted' | 'document.version_created', document: DocumentView, data: unknown) =>
  ({ type, table: 'documents', subjectId: document.id, customerId: document.customer_id, taskId: document.task_id, data }) as const;

/**
 * The audit row of a document's bytes being served to `principal` (`document.downloaded`;
 * previews append theirs the same way): internal, so no contact hears of another's reading.
 * @example await recordDocumentAccess(trx, principal, document, 'document.downloaded');
 */
export async function recordDocumentAccess(
  trx: Kysely<Database>,
  principal: Principal,
  document: Pick<DocumentView, 'id' | 'name' | 'task_id' | 'customer_id'>,
  type: 'document.downloaded' | 'document.previewed',
  version?: number,
): Promise<void> {
  await appendEvent(trx, {
    tenantId: principal.tenantId,
    customerId: document.customer_id,
    visibility: 'internal',
    type,
    subjectId: document.id,
    taskId: document.task_id,
    actorId: actorId(principal),
    data: { document: { id: document.id, name: document.name, task_id: document.task_id, customer_id: document.customer_id }, ...(version ? { version } : {}) },
  });
}

export interface NewDocument {
  fields: UploadFieldsInput;
  name: string;
  contentType: string;
  sha256: string;
  size: number;
}

/**
 * Records an uploaded document in the caller's transaction and appends `document.created`.
 * A contact's document is always `portal` and its own customer's; a logo is the tenant's.
 */
export async function createDocument(trx: Kysely<Database>, principal: Principal, input: NewDocument): Promise<DocumentView> {
  const { fields } = input;
  const { customerId, taskId, folderId, dealId } = await placeDocument(trx, principal, fields, input.contentType);
  const library = fields.library_category !== undefined;
  const uploadedBy = actorId(principal);
  const row: DocumentRow = {
    id: newId('doc'),
    tenant_id: principal.tenantId,
    customer_id: customerId,
    task_id: taskId,
    folder_id: folderId,
    name: input.name,
    content_type: input.contentType,
    size: input.size,
    sha256: input.sha256,
    // No contact ever sees a tenant file (a logo) through the documents API; saying `internal` keeps that plain.
    // A library document is published (`portal`) unless it is sent as an `internal` draft.
    visibility: library ? (fields.visibility ?? 'portal') : customerId === null ? 'internal' : (fields.visibility ?? 'portal'),
    uploaded_by: uploadedBy,
    created_at: new Date().toISOString(),
    deleted_at: null,
    version: 1,
    library_category: library ? fields.library_category! : null,
    portal_type: library ? (fields.portal_type ?? 'customer') : null,
    download_count: 0,
    deal_id: dealId,
  };
  await trx.insertInto('documents').values(row).execute();
  await trx.insertInto('document_versions').values(versionRow(row, 1, input)).execute();
  const uploader = uploadedBy ? await trx.selectFrom('users').select('name').where('id', '=', uploadedBy).executeTakeFirst() : undefined;
  const document = toDocumentView({ ...row, uploader_name: uploader?.name ?? null }, principal);
  await recordEvent(trx, principal, documentEvent('document.created', document, { document }));
  return document;
}

/**
 * Renames a document, or shares it with the customer or takes it back (API keys and staff).
 * A tenant file (a logo) stays internal. Appends `document.updated`.
 * @example await updateDocument(trx, principal, 'doc_…', { visibility: 'portal' });
 */
export async function updateDocument(trx: Kysely<Database>, principal: Principal, id: string, patch: UpdateDocumentInput): Promise<DocumentView> {
  const before = await getDocument(trx, principal, id);
  const library = before.library_category !== null;
  if (before.customer_id === null && !library && patch.visibility === 'portal') {
    throw invalid('A tenant file is never shared through the portal', [{ path: 'visibility', message: 'tenant files stay internal' }]);
  }
  const libraryField = (['library_category', 'portal_type'] as const).find((f) => patch[f] !== undefined);
  if (!library && libraryField) throw invalid('Only a library document has a category and an audience', [{ path: libraryField, message: 'not a library document' }]);
  if (library && patch.folder_id) throw invalid('A library document is in no customer\'s folder', [{ path: 'folder_id', message: 'not allowed on a library document' }]);
  if (patch.folder_id) await folderOf(trx, principal, patch.folder_id, before.customer_id);
  const { changes, previous } = changedFields(before, patch, ['name', 'visibility', 'folder_id', 'library_category', 'portal_type']);
  if (changes.length === 0) return before;
  const set = Object.fromEntries(changes.map((field) => [field, patch[field]]));
  await trx.updateTable('documents').set(set).where('id', '=', id).execute();
  const document = { ...before, ...set };
  await recordEvent(trx, principal, documentEvent('document.updated', document, { document, changes, previous }));
  return document;
}

/** What a `document.deleted` tells: its place, and for a library document (retired) its name and category. */
const deletedData = (d: DocumentView) =>
  d.library_category === null ? { id: d.id, task_id: d.task_id, customer_id: d.customer_id } : { id: d.id, task_id: null, customer_id: null, name: d.name, library_category: d.library_category, portal_type: d.portal_type };

/**
 * Deletes a document: API keys and staff, or a contact that uploaded it. Appends
 * `document.deleted` and drops its versions' references: answers the hashes whose bytes the
 * caller may free (`collectBlobs`) once this commits.
 */
export async function deleteDocument(trx: Kysely<Database>, principal: Principal, id: string): Promise<string[]> {
  const document = await getDocument(trx, principal, id);
  if (principal.kind === 'contact' && document.uploaded_by !== principal.userId) {
    throw forbidden('Only its uploader or the vendor\'s team may delete a document');
  }
  // Whether a contact may see it is decided before it disappears.
  await recordEvent(trx, principal, documentEvent('document.deleted', document, { document: deletedData(document) }));
  await trx.updateTable('documents').set({ deleted_at: new Date().toISOString() }).where('id', '=', id).execute();
  return releaseDocumentBlobs(trx, [id]);
}

const versionRow = (document: { id: string; tenant_id: string; uploaded_by: string | null; created_at: string }, number: number, input: Omit<NewDocument, 'fields'>): DocumentVersionRow => ({
  document_id: document.id,
  number,
  tenant_id: document.tenant_id,
  name: input.name,
  content_type: input.contentType,
  size: input.size,
  sha256: input.sha256,
  uploaded_by: document.uploaded_by,
  created_at: document.created_at,
});

/**
 * The document `id` when `principal` may upload a new version of it with bytes of
 * `contentType` (undefined: not known yet, as when a resumable upload starts): 404 for one it
 * may not see, 403 for a contact and a library document, 415 for a logo that is no image.
 * @example await versionTarget(db, principal, 'doc_…');
 */
export async function versionTarget(db: Kysely<Database>, principal: Principal, id: string, contentType?: string): Promise<DocumentView> {
  const before = await getDocument(db, principal, id);
  // The library is the vendor's: a contact who may read a library document may not replace it.
  if (before.library_category !== null && principal.kind === 'contact') throw forbidden('Only the vendor\'s team publishes new versions of a library document');
  if (contentType !== undefined && before.customer_id === null && before.library_category === null && !LOGO_TYPES.has(contentType)) {
    throw new ApiError(415, 'unsupported_media_type', 'A logo must be a PNG, JPEG, GIF or WebP image');
  }
  return before;
}

/**
 * Makes the uploaded bytes the new current version of the document `id` (anyone who may see it
 * and upload documents). The document keeps its name, place and visibility; the version keeps
 * the name it was uploaded with. Appends `document.version_created`.
 * @example await createVersion(trx, principal, 'doc_…', { name: 'Proposal v3.pdf', contentType: 'application/pdf', sha256, size });
 */
export async function createVersion(trx: Kysely<Database>, principal: Principal, id: string, input: Omit<NewDocument, 'fields'>): Promise<DocumentView> {
  const before = await versionTarget(trx, principal, id, input.contentType);
  const number = before.version + 1;
  // Conditional on the number read: of two versions uploaded at once, the second gets a 409.
  const moved = await trx
    .updateTable('documents')
    .set({ version: number, sha256: input.sha256, size: input.size, content_type: input.contentType })
    .where('id', '=', id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) throw new ApiError(409, 'version_conflict', 'Another version was uploaded at the same moment; try again');
  const now = new Date().toISOString();
  await trx.insertInto('document_versions').values(versionRow({ id, tenant_id: principal.tenantId, uploaded_by: actorId(principal), created_at: now }, number, input)).execute();
  const document: DocumentView = { ...before, version: number, sha256: input.sha256, size: input.size, content_type: input.contentType };
  const version = { number, name: input.name, size: input.size, content_type: input.contentType, sha256: input.sha256, uploaded_by: actorId(principal), created_at: now };
  await recordEvent(trx, principal, documentEvent('document.version_created', document, { document, version }));
  return document;
}

/** The versions of the document `id`, with their uploaders' names (the caller has checked it may see it). */
const versionsOf = (db: Kysely<Database>, id: string) =>
  db.selectFrom('document_versions as v').leftJoin('users as u', 'u.id', 'v.uploaded_by').selectAll('v').select('u.name as uploader_name').where('v.document_id', '=', id);

/** The versions of the document `id` (visible to `principal`), newest first. */
export async function listVersions(db: Kysely<Database>, principal: Principal, id: string): Promise<DocumentVersionView[]> {
  await getDocument(db, principal, id);
  const rows = await versionsOf(db, id).orderBy('v.number', 'desc').execute();
  return rows.map(toVersionView);
}

/** Version `number` of the document `id` (visible to `principal`), else a 404. */
export async function getVersion(db: Kysely<Database>, principal: Principal, id: string, number: number): Promise<DocumentVersionView> {
  await getDocument(db, principal, id);
  const row = await versionsOf(db, id).where('v.number', '=', number).executeTakeFirst();
  if (!row) throw notFound('Version');
  return toVersionView(row);
}

function toVersionView(row: DocumentVersionRow & { uploader_name: string | null }): DocumentVersionView {
  return {
    number: row.number,
    name: row.name,
    size: row.size,
    content_type: row.content_type,
    sha256: row.sha256,
    uploaded_by: row.uploaded_by,
    uploader: row.uploaded_by && row.uploader_name !== null ? { id: row.uploaded_by, name: row.uploader_name } : null,
    created_at: row.created_at,
  };
}
