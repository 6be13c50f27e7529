import { createRoute } from '@hono/zod-openapi';
import { allow, checkFields } from '../auth/policy.js';
import { transact } from '../context.js';
import { invalid } from '../errors.js';
import { validationError } from '../lib/error-handler.js';
import { createRouter } from '../lib/router.js';
import { assertSafeText } from '../lib/safe-text.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { contentDisposition, servedContentType, sniffContentType } from './content-type.js';
import { countDownload, createDocument, deleteDocument, getDocument, listDocuments, listLibrary, recordDocumentAccess, releaseBlobs, updateDocument } from './document.repository.js';
import { DocumentSchema, ListDocumentsQuery, ListLibraryQuery, UpdateDocumentBody, UploadBodyDoc, UploadFields } from './document.schema.js';
import { assertLibraryOpen } from './library-access.js';
import { serveBlob } from './serve-blob.js';
import { readUpload, uploadFingerprint } from './upload.js';

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
      const { deps, principal } = c.var;
      const upload = await readUpload(c.req.raw, deps.blobs, deps.config.uploadLimit);
      const { blob } = upload.file;
      c.set('fingerprint', uploadFingerprint(upload.fields, upload.file.name, blob.sha256));
      try {
        assertSafeText(upload.fields);
        const fields = UploadFields.safeParse(upload.fields);
        if (!fields.success) throw validationError(fields.error);
        checkFields(principal, 'documents.upload', fields.data);
        if (blob.size === 0) throw invalid('The file is empty', [{ path: 'file', message: 'must hold at least one byte' }]);
        const contentType = await sniffContentType(blob.head, blob.size, upload.file.name, upload.file.declaredType);
        const document = await deps.blobs.exclusive(blob.sha256, () =>
          transact(deps, async (trx) => {
            const created = await createDocument(trx, principal, { fields: fields.data, name: upload.file.name, contentType, sha256: blob.sha256, size: blob.size });
            // Linked before the commit, so no reader ever hears of a document whose bytes are missing.
            await deps.blobs.link(blob);
            return created;
          }),
        );
        return c.json(document, 201);
      } finally {
        await deps.blobs.discard(blob);
      }
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
      summary: 'Rename a document, or share it with the customer or take it back (API key and staff)',
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
      const { sha256 } = await transact(deps, (trx) => deleteDocument(trx, principal, c.req.valid('param').id));
      await releaseBlobs(deps, [sha256]);
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
        304: { description: 'Not modified (If-None-Match)' },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { deps, principal } = c.var;
      const document = await getDocument(deps.db, principal, c.req.valid('param').id);
      const response = await serveBlob(c, {
        sha256: document.sha256,
        size: document.size,
        contentType: servedContentType(document.content_type),
        disposition: contentDisposition('attachment', document.name),
        cacheControl: 'private, no-cache',
      });
      // The audit trail's download row: only when bytes go out (not a 304 revalidation). A library
      // download is counted once per file sent: a 200, or a range from its first byte.
      const whole = response.status === 200 || (response.status === 206 && /^bytes 0-/.test(response.headers.get('content-range') ?? ''));
      if (c.req.method === 'GET' && (response.status === 200 || response.status === 206)) {
        await transact(deps, async (trx) => {
          await recordDocumentAccess(trx, principal, document, 'document.downloaded');
          if (whole) await countDownload(trx, document);
        });
      }
      return response;
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
