import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { cors } from 'hono/cors';
import { transact } from '../context.js';
import { contentDisposition } from '../documents/content-type.js';
import { serveBlob } from '../documents/serve-blob.js';
import { notFound } from '../errors.js';
import { createRouter } from '../lib/router.js';
import { errorResponses, json, jsonBody } from '../lib/schemas.js';
import { findTenant } from './tenant.repository.js';
import { BrandingPatch, BrandingSchema } from './branding.schema.js';
import { resolveBranding, tenantLogo, updateBranding } from './tenant-settings.repository.js';

const tags = ['Branding and settings'];
const image = { schema: { type: 'string' as const, format: 'binary' } };

/**
 * `GET, PATCH /v1/branding` (API keys and staff), and the tenant's logo, public at
 * `/branding/<tenant id>/logo` so widgets on any page and emails in any client can show it.
 */
export const brandingRoutes = createRouter();
brandingRoutes.use('/branding/*', cors({ origin: '*', allowMethods: ['GET'], exposeHeaders: ['ETag'], maxAge: 86_400 }));
brandingRoutes
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/branding',
      middleware: [allow('branding.read')] as const,
      tags,
      summary: 'Read the tenant\'s branding, its preset filled in',
      responses: { 200: json(BrandingSchema, 'The branding'), ...errorResponses },
    }),
    async (c) => {
      const { deps, principal } = c.var;
      const tenant = await findTenant(deps.db, principal.tenantId);
      if (!tenant) throw notFound('Tenant');
      return c.json(await resolveBranding(deps.db, deps.config.publicUrl, tenant), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/branding',
      middleware: [allow('branding.update')] as const,
      tags,
      summary: 'Change the branding: a preset, some colours (null returns one to the preset\'s), radius, font, logo',
      request: { body: jsonBody(BrandingPatch) },
      responses: { 200: json(BrandingSchema, 'The branding'), ...errorResponses },
    }),
    async (c) => {
      const { deps, principal } = c.var;
      const branding = await transact(deps, (trx) => updateBranding(trx, principal, deps.config.publicUrl, c.req.valid('json')));
      return c.json(branding, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/branding/{tenant_id}/logo',
      tags,
      summary: 'The tenant\'s logo: public, cacheable, usable from any origin',
      request: {
        params: z.object({ tenant_id: z.string().max(64).openapi({ param: { name: 'tenant_id', in: 'path' } }) }),
        query: z.object({ v: z.string().max(64).optional().openapi({ description: 'The version `logo_url` carries; it makes the answer cacheable for a year' }) }),
      },
      responses: {
        200: { description: 'The image', content: { 'image/png': image, 'image/jpeg': image, 'image/gif': image, 'image/webp': image } },
        304: { description: 'Not modified (If-None-Match)' },
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const { db } = c.var.deps;
      const tenant = await findTenant(db, c.req.valid('param').tenant_id);
      const logo = tenant ? await tenantLogo(db, tenant) : undefined;
      if (!logo) throw notFound('Logo');
      const current = c.req.valid('query').v === logo.sha256.slice(0, 16);
      c.header('Cross-Origin-Resource-Policy', 'cross-origin');
      return serveBlob(c, {
        sha256: logo.sha256,
        size: logo.size,
        contentType: logo.content_type,
        disposition: contentDisposition('inline', logo.name),
        // A versioned address never changes its bytes; an old or bare one may be a new logo soon.
        cacheControl: current ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      });
    },
  );
