import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { collectBlobs } from './blob-refs.js';
import { createDocument, deleteDocument, getDocument, listDocuments, listLibrary, updateDocument } from './document.repository.js';
import { DocumentSchema, ListDocumentsQuery, ListLibraryQuery, UpdateDocumentBody, UploadBodyDoc, uploadFieldsOf } from './document.schema.js';
import { assertLibraryOpen } from './library-access.js';
import { recordServed, serveDownload } from './serve-blob.js';
import { receiveUpload } from './upload.js';

const tags = ['Documents'];

/** `/v1/documents`: uploads, lists, reads, deletes and downloads, each through the visibility rule. */
export const documentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/documents',
      middleware: [allow('documents.upload')] as const,
      tags,
      summary: 'Upload a document (multipart: `file`, optional `task_id`, `visibility`, `customer_id`, `purpose`; `library_category` and `portal_type` publish it to the library)',
      request: { body: { required: true, content: { 'multipart/form-data': { schema: UploadBodyDoc } } } },
      responses: { 201: json(DocumentSchema, 'The document'), ...errorResponses },
    }),
    async (c) => {
      const { principal } = c.var;
      const document = await receiveUpload(
        c,
        (raw) => uploadFieldsOf(principal, raw),
        (trx, fields, file) => createDocument(trx, principal, { fields, ...file }),
      );
      return c.json(document, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/documents',
      middleware: [allow('documents.list')] as const,
      tags,
      summary: 'List the documents the caller may see, newest first',
      request: { query: ListDocumentsQuery },
      responses: { 200: json(page(DocumentSchema), 'A page of documents'), ...errorResponses },
    }),
    async (c) => c.json(await listDocuments(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/documents/{id}',
      middleware: [allow('documents.read')] as const,
      tags,
      summary: 'Read a document\'s details',
      request: { params: IdParam('doc') },
      responses: { 200: json(DocumentSchema, 'The document'), ...errorResponses },
    }),
    async (c) => c.json(await getDocument(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/documents/{id}',
      middleware: [allow('documents.update')] as const,
      tags,
      summary: 'Rename a document, file it in a folder, or share it with the customer or take it back (API key and staff)',
      request: { params: IdParam('doc'), body: jsonBody(UpdateDocumentBody) },
      responses: { 200: json(DocumentSchema, 'The document'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => updateDocument(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/documents/{id}',
      middleware: [allow('documents.delete')] as const,
      tags,
      summary: 'Delete a document (API key, staff, or its uploader)',
      request: { params: IdParam('doc') },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      const { deps, principal } = c.var;
      await collectBlobs(deps, await transact(deps, (trx) => deleteDocument(trx, principal, c.req.valid('param').id)));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/documents/{id}/content',
      middleware: [allow('documents.read')] as const,
      tags,
      summary: 'Download a document, always as an attachment',
      request: { params: IdParam('doc') },
      responses: {
        200: { description: 'The bytes; ETag is the sha256', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
        206: { description: 'The requested byte range (Range), for audio and video that seek' },
        304: { description: 'Not modified (If-None-Match)' },
        ...errorResponses,
      },
    }),
    async (c) => {
      const document = await getDocument(c.var.deps.db, c.var.principal, c.req.valid('param').id);
      return recordServed(c, document, 'document.downloaded', await serveDownload(c, document));
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/library',
      middleware: [allow('library.list')] as const,
      tags,
      summary: 'The resources library: documents published to every customer (or partner), newest first',
      request: { query: ListLibraryQuery },
      responses: { 200: json(page(DocumentSchema), 'A page of library documents'), ...errorResponses },
    }),
    async (c) => {
      const { deps, principal } = c.var;
      await assertLibraryOpen(deps.db, principal);
      return c.json(await listLibrary(deps.db, principal, c.req.valid('query')), 200);
    },
  );
