import type { Camel } from '../../../contract/camel.js';
import type { DocumentVersionView } from '../../../contract/schemas/document.schema.js';
import type { CreateFolderInput, FolderView, UpdateFolderInput } from '../../../contract/schemas/folder.schema.js';
import type { ApiClient } from '../../api/api-client.js';
import type { PortalDocument } from '../../api/api.types.js';

/** A folder of a customer's files, as `GET /v1/folders` answers it (camelCase). */
export type Folder = Camel<FolderView>;

/** One version of a document. */
export type DocumentVersion = Camel<DocumentVersionView>;

/** What a new folder may say, and what a change may: the bodies of `POST` and `PATCH /v1/folders`. */
type FolderInput = Camel<CreateFolderInput>;
type FolderPatch = Camel<UpdateFolderInput>;

const path = (id: string) => encodeURIComponent(id);

/**
 * The files calls of the contract (folders, versions), kept out of the first bundle: only the
 * documents view, a lazily loaded chunk, uses them.
 * @example const all = await filesApi(portal.api).folders(customerId);
 */
export const filesApi = (api: ApiClient) => ({
  folders: (customerId?: string) => api.all<Folder>('/v1/folders', { customerId }),
  createFolder: (body: FolderInput) => api.request<Folder>('POST', '/v1/folders', { body }),
  updateFolder: (id: string, patch: FolderPatch) => api.request<Folder>('PATCH', `/v1/folders/${path(id)}`, { body: patch }),
  deleteFolder: (id: string) => api.request<void>('DELETE', `/v1/folders/${path(id)}`),
  fileDocument: (id: string, folderId: string | null) => api.request<PortalDocument>('PATCH', `/v1/documents/${path(id)}`, { body: { folderId } }),
  versions: (id: string) => api.request<{ data: DocumentVersion[] }>('GET', `/v1/documents/${path(id)}/versions`).then((r) => r.data),
});

/**
 * The folders from the top down to `id`: what the breadcrumbs show.
 * @example trail(folders, 'fld_b') // [folder a, folder b]
 */
export function trail(folders: readonly Folder[], id: string | null): Folder[] {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const out: Folder[] = [];
  for (let f = id ? byId.get(id) : undefined; f && out.length <= folders.length; f = f.parentId ? byId.get(f.parentId) : undefined) out.unshift(f);
  return out;
}
