import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { notFound } from '../errors.js';
import { createRouter } from '../lib/router.js';
import { errorResponses, json, jsonBody } from '../lib/schemas.js';
import { SettingsPatch, SettingsSchema } from './settings.schema.js';
import { findTenant } from './tenant.repository.js';
import { readSettings, updateSettings } from './tenant-settings.repository.js';

const tags = ['Branding and settings'];

/** `GET, PATCH /v1/settings` (API keys and staff): allowed origins, the email display name, the vendor's page. */
export const settingsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/settings',
      middleware: [allow('settings.read')] as const,
      tags,
      summary: 'Read the tenant\'s settings',
      responses: { 200: json(SettingsSchema, 'The settings'), ...errorResponses },
    }),
    async (c) => {
      const { deps, principal } = c.var;
      const tenant = await findTenant(deps.db, principal.tenantId);
      if (!tenant) throw notFound('Tenant');
      return c.json(readSettings(tenant), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/settings',
      middleware: [allow('settings.update')] as const,
      tags,
      summary: 'Change the settings; a new origin list applies to the next request',
      request: { body: jsonBody(SettingsPatch) },
      responses: { 200: json(SettingsSchema, 'The settings'), ...errorResponses },
    }),
    async (c) => {
      const { deps, principal } = c.var;
      const settings = await transact(deps, (trx) => updateSettings(trx, principal, c.req.valid('json')));
      // So that allowed_origins applies to the very next request: the access cache follows the log.
      await deps.invalidator.catchUp();
      return c.json(settings, 200);
    },
  );
