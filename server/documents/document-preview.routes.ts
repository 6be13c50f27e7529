import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses } from '../lib/schemas.js';
import { getDocument } from './document.repository.js';
import { recordServed, serveBlob } from './serve-blob.js';

/** `/v1/documents/:id/preview`: a re-encoded raster of an image or of a PDF's first page. */
export const documentPreviewRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/v1/documents/{id}/preview',
    middleware: [allow('documents.read')] as const,
    tags: ['Documents'],
    summary: 'A preview of the current version (WebP, at most 1024 px), made by the service from images and the first page of PDFs',
    request: { params: IdParam('doc') },
    responses: {
      200: { description: 'The preview; never the uploaded bytes', content: { 'image/webp': { schema: { type: 'string', format: 'binary' } } } },
      304: { description: 'Not modified (If-None-Match)' },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { deps, principal } = c.var;
    const document = await getDocument(deps.db, principal, c.req.valid('param').id);
    const key = await deps.previews.ensure(document.sha256, document.content_type, document.size);
    const size = await deps.blobs.size(key);
    const response = await serveBlob(c, {
      sha256: key,
      size: size ?? 0,
      contentType: 'image/webp',
      disposition: 'inline; filename="preview.webp"',
      // The key changes with the bytes: a browser may keep it, privately.
      cacheControl: 'private, max-age=86400',
    });
    return recordServed(c, document, 'document.previewed', response);
  },
);
