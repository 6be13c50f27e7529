import { createRoute } from '@hono/zod-openapi';
import { allow, personOf } from '../auth/policy.js';
import { errorResponses, json, jsonBody } from '../lib/schemas.js';
import { createRouter } from '../lib/router.js';
import { PreferencesPatch, PreferencesSchema } from '../users/preferences.js';
import { getMe, updatePreferences } from './me.repository.js';
import { MeSchema } from './me.schema.js';

const tags = ['Me'];

/** `/v1/me`: the person behind an embed token (an API key is nobody, so it gets 403). */
export const meRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/me',
      middleware: [allow('me.read')] as const,
      tags,
      summary: 'The caller, its customer, and its tenant\'s branding (embed tokens only)',
      responses: { 200: json(MeSchema, 'Who is calling'), ...errorResponses },
    }),
    async (c) => {
      const { deps } = c.var;
      const principal = personOf(c.var.principal);
      return c.json(await getMe(deps.db, deps.config.publicUrl, principal), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/me/preferences',
      middleware: [allow('me.read')] as const,
      tags,
      summary: 'Change some of the caller\'s preferences; answers all of them',
      request: { body: jsonBody(PreferencesPatch) },
      responses: { 200: json(PreferencesSchema, 'The preferences'), ...errorResponses },
    }),
    async (c) => {
      const { deps } = c.var;
      const principal = personOf(c.var.principal);
      const preferences = await deps.db.transaction().execute((trx) => updatePreferences(trx, principal, c.req.valid('json')));
      return c.json(preferences, 200);
    },
  );
