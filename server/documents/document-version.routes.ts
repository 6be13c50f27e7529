import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { invalid } from '../errors.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, page } from '../lib/schemas.js';
import { createVersion, getDocument, getVersion, listVersions } from './document.repository.js';
import { DocumentSchema, DocumentVersionSchema, VersionBodyDoc, VersionParams } from './document.schema.js';
import { recordServed, serveDownload } from './serve-blob.js';
import { receiveUpload } from './upload.js';

const tags = ['Documents'];

/** `/v1/documents/:id/versions`: every version of a document, the newest its current one. */
export const documentVersionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/documents/{id}/versions',
      middleware: [allow('documents.version')] as const,
      tags,
      summary: 'Upload a new current version of a document (multipart: `file`)',
      request: { params: IdParam('doc'), body: { required: true, content: { 'multipart/form-data': { schema: VersionBodyDoc } } } },
      responses: { 201: json(DocumentSchema, 'The document at its new version'), ...errorResponses },
    }),
    async (c) => {
      const { deps, principal } = c.var;
      const { id } = c.req.valid('param');
      // Refused before a byte is read: a document the caller may not see is a 404, not an upload.
      await getDocument(deps.db, principal, id);
      const document = await receiveUpload(
        c,
        (fields) => {
          const extra = Object.keys(fields);
          if (extra.length > 0) throw invalid('A new version takes only its file', extra.map((path) => ({ path, message: 'unknown field' })));
        },
        (trx, _fields, file) => createVersion(trx, principal, id, file),
      );
      return c.json(document, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/documents/{id}/versions',
      middleware: [allow('documents.read')] as const,
      tags,
      summary: 'List the versions of a document, newest (the current one) first',
      request: { params: IdParam('doc') },
      responses: { 200: json(page(DocumentVersionSchema), 'Every version (one page)'), ...errorResponses },
    }),
    async (c) => c.json({ data: await listVersions(c.var.deps.db, c.var.principal, c.req.valid('param').id), next_cursor: null }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/documents/{id}/versions/{number}/content',
      middleware: [allow('documents.read')] as const,
      tags,
      summary: 'Download one version of a document, always as an attachment',
      request: { params: VersionParams },
      responses: {
        200: { description: 'The bytes; ETag is the sha256', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
        206: { description: 'The requested byte range (Range)' },
        304: { description: 'Not modified (If-None-Match)' },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, number } = c.req.valid('param');
      const version = await getVersion(c.var.deps.db, c.var.principal, id, number);
      const document = await getDocument(c.var.deps.db, c.var.principal, id);
      return recordServed(c, document, 'document.downloaded', await serveDownload(c, version), number);
    },
  );
