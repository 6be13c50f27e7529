import { createRoute, z } from '@hono/zod-openapi';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { allow } from '../auth/policy.js';
import { callerKey } from '../auth/principal.js';
import { TOKEN_ALG } from '../auth/signing-keys.js';
import { transact, type Deps } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json } from '../lib/schemas.js';
import { MediaAddressSchema } from './document.schema.js';
import { contentDisposition, servedContentType } from './content-type.js';
import { getDocument, recordDocumentAccess } from './document.repository.js';
import { serveBlob } from './serve-blob.js';

/** How long a media address plays: a film watched to its end, seeking, needs it as long. */
const MEDIA_TTL_SECONDS = 3600;

/** Audio and video a browser plays in an `<audio>`/`<video>` element, and nothing that could run script. */
export const isPlayable = (contentType: string) => /^(audio|video)\//.test(contentType) && servedContentType(contentType) === contentType;

/** Never an embed token: another issuer, which `EmbedTokens.verify` refuses, and this one alone accepts. */
const mediaIssuer = (deps: Deps) => `${deps.config.publicUrl}#media`;

const invalidAddress = () => new ApiError(404, 'not_found', 'Media not found');

/**
 * `POST /v1/documents/:id/media` gives a caller who may read an audio or video document a
 * signed address of its current bytes, for a media element (which cannot send a token) to
 * stream with range requests; `GET /v1/media/:token` serves them (206 for a range), inline,
 * under the same inert headers as every download. The address names one version of one
 * document and lasts an hour; a document deleted or replaced meanwhile is no longer served.
 */
export const documentMediaRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/documents/{id}/media',
      middleware: [allow('documents.read')] as const,
      tags: ['Documents'],
      summary: 'A signed address that plays an audio or video document in the browser (range requests), for an hour',
      request: { params: IdParam('doc') },
      responses: { 200: json(MediaAddressSchema, 'The address'), ...errorResponses },
    }),
    async (c) => {
      const { deps, principal } = c.var;
      const document = await getDocument(deps.db, principal, c.req.valid('param').id);
      if (!isPlayable(document.content_type)) throw new ApiError(415, 'not_playable', 'Only audio and video documents play in the browser');
      const { kid, privateKey } = deps.keys.current();
      const exp = Math.floor(Date.now() / 1000) + MEDIA_TTL_SECONDS;
      const token = await new SignJWT({ doc: document.id, sha: document.sha256 })
        .setProtectedHeader({ alg: TOKEN_ALG, kid, typ: 'JWT' })
        .setIssuer(mediaIssuer(deps))
        .setAudience(principal.tenantId)
        .setSubject(callerKey(principal))
        .setExpirationTime(exp)
        .sign(privateKey);
      await transact(deps, (trx) => recordDocumentAccess(trx, principal, document, 'document.previewed'));
      return c.json({ url: `/v1/media/${token}`, expires_at: new Date(exp * 1000).toISOString() }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/media/{token}',
      tags: ['Documents'],
      summary: 'The bytes of an audio or video document, by its signed address (no Authorization; `Range` answered with 206)',
      request: { params: z.object({ token: z.string().max(2000).openapi({ param: { name: 'token', in: 'path' } }) }) },
      responses: {
        200: { description: 'The bytes', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
        206: { description: 'The requested byte range' },
        304: { description: 'Not modified (If-None-Match)' },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { deps } = c.var;
      const token = c.req.valid('param').token;
      let claims: { aud?: unknown; doc?: unknown; sha?: unknown };
      try {
        const key = await deps.keys.publicKey(decodeProtectedHeader(token).kid);
        if (!key) throw invalidAddress();
        claims = (await jwtVerify(token, key, { algorithms: [TOKEN_ALG], issuer: mediaIssuer(deps), requiredClaims: ['aud', 'exp', 'sub'] })).payload;
      } catch {
        throw invalidAddress();
      }
      if (typeof claims.aud !== 'string' || typeof claims.doc !== 'string' || typeof claims.sha !== 'string') throw invalidAddress();
      const document = await deps.db
        .selectFrom('documents')
        .select(['id', 'name', 'content_type', 'size', 'sha256'])
        .where('id', '=', claims.doc)
        .where('tenant_id', '=', claims.aud)
        .where('deleted_at', 'is', null)
        .where('sha256', '=', claims.sha)
        .executeTakeFirst();
      if (!document || !isPlayable(document.content_type)) throw notFound('Media');
      return serveBlob(c, {
        sha256: document.sha256,
        size: document.size,
        contentType: document.content_type,
        disposition: contentDisposition('inline', document.name),
        cacheControl: 'private, max-age=3600',
      });
    },
  );
