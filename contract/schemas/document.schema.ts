import { z } from '@hono/zod-openapi';
import { PageQuery, Timestamp, Visibility } from './common.schema.js';
import { PortalType } from './permission-set.schema.js';

export { PortalType as PortalTypeSchema };

/** A library category: a short slug (`collateral`, `technical`, `training`, `templates`, or the vendor's own). */
export const LibraryCategory = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'a slug: a letter, then letters, digits, - or _ (at most 40)')
  .openapi({ example: 'collateral' });

export const DocumentSchema = z
  .object({
    id: z.string().openapi({ example: 'doc_3kTMd92jf0aPq8sL1xQz7b' }),
    customer_id: z.string().nullable().openapi({ description: 'Null for the tenant\'s own files (its logo)' }),
    task_id: z.string().nullable(),
    folder_id: z.string().nullable().openapi({ description: 'The folder it is filed in; null at the top level' }),
    deal_id: z.string().nullable().openapi({ description: 'The deal it is a file of (a registration\'s co-selling workspace); seen only by who may see the deal' }),
    name: z.string(),
    content_type: z.string().openapi({ description: 'Sniffed from the bytes, never taken from the client' }),
    size: z.number().int(),
    sha256: z.string(),
    visibility: Visibility,
    uploaded_by: z.string().nullable(),
    uploader: z.object({ id: z.string(), name: z.string() }).nullable(),
    library_category: z.string().nullable().openapi({ description: 'Set for a library document (`customer_id` null), published to every customer of `portal_type`' }),
    portal_type: PortalType.nullable().openapi({ description: 'A library document\'s audience; null otherwise' }),
    downloads: z.number().int().optional().openapi({ description: 'A library document\'s download count (API keys and staff)' }),
    version: z.number().int().openapi({ description: 'The current version\'s number; `size`, `sha256` and `content_type` are that version\'s' }),
    created_at: Timestamp,
  })
  .openapi('Document');
export type DocumentView = z.infer<typeof DocumentSchema>;

/** The text fields of an upload, beside its `file` part. */
export const UploadFields = z
  .object({
    task_id: z.string().max(64).optional(),
    folder_id: z.string().max(64).optional().describe('A folder of the same customer'),
    deal_id: z.string().max(64).optional().describe('A deal the caller may work on: the file is its customer\'s, seen only by who may see the deal (a task\'s file takes its task\'s deal)'),
    customer_id: z.string().max(64).optional().describe('API keys and staff, without `task_id`; a contact\'s documents are always its own customer\'s'),
    visibility: Visibility.optional().describe('Default `portal`; a contact may not set `internal`'),
    purpose: z.enum(['logo']).optional().describe('`logo`: a tenant-level file (API keys and staff), for `logo_document_id`'),
    library_category: LibraryCategory.optional().describe('Publishes the file to the library (API keys and staff; without `task_id` and `customer_id`)'),
    portal_type: PortalType.optional().describe('With `library_category`: the portals it is published to (default `customer`)'),
  })
  .strict();
export type UploadFieldsInput = z.infer<typeof UploadFields>;

export const ListDocumentsQuery = PageQuery.extend({
  customer_id: z.string().max(64).optional(),
  task_id: z.string().max(64).optional(),
  deal_id: z.string().max(64).optional().openapi({ description: 'The files of one deal (a registration\'s co-selling workspace)' }),
  folder_id: z.string().max(64).optional().openapi({ description: 'Documents filed in this folder (not in its subfolders); `root` for those at the top level' }),
  q: z.string().trim().max(200).optional().openapi({ description: 'Keywords, all of which appear in the file name' }),
});
export type DocumentFilters = z.infer<typeof ListDocumentsQuery>;

export const UpdateDocumentBody = z
  .object({
    visibility: Visibility.optional().openapi({ description: 'Share a document with the customer, or take it back' }),
    name: z.string().trim().min(1).max(255).optional(),
    library_category: LibraryCategory.optional().openapi({ description: 'A library document only: move it to another category' }),
    portal_type: PortalType.optional().openapi({ description: 'A library document only: publish it to the other portal type' }),
    folder_id: z.string().max(64).nullable().optional().openapi({ description: 'Move it into a folder of the same customer, or (null) to the top level' }),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateDocument');
export type UpdateDocumentInput = z.infer<typeof UpdateDocumentBody>;

export const ListLibraryQuery = PageQuery.extend({
  category: LibraryCategory.optional(),
  portal_type: PortalType.optional().openapi({ description: 'API keys and staff: one audience (contacts always see their own)' }),
  q: z.string().trim().max(200).optional().openapi({ description: 'Keywords, all of which appear in the file name' }),
});
export type LibraryFilters = z.infer<typeof ListLibraryQuery>;

export const DocumentVersionSchema = z
  .object({
    number: z.number().int(),
    name: z.string().openapi({ description: 'The file name it was uploaded with' }),
    size: z.number().int(),
    content_type: z.string(),
    sha256: z.string(),
    uploaded_by: z.string().nullable(),
    uploader: z.object({ id: z.string(), name: z.string() }).nullable(),
    created_at: Timestamp,
  })
  .openapi('DocumentVersion');
export type DocumentVersionView = z.infer<typeof DocumentVersionSchema>;

/** A signed address of an audio or video document's bytes, for a media element (`POST /v1/documents/{id}/media`). */
export const MediaAddressSchema = z
  .object({
    url: z.string().openapi({ description: 'A path on this service (`/v1/media/…`) that an `<audio>` or `<video>` element may load without a token, with range requests' }),
    expires_at: z.string(),
  })
  .openapi('MediaAddress');
export type MediaAddressView = z.infer<typeof MediaAddressSchema>;
