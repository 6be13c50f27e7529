import { Readable } from 'node:stream';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { allow, personOf } from '../auth/policy.js';
import { transact, type AppEnv } from '../context.js';
import type { User } from '../db/database.js';
import { invalid } from '../errors.js';
import { recordInternalChange } from '../events/record-event.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses } from '../lib/schemas.js';
import { erasePerson, exportArchive, findPerson } from './privacy.repository.js';

const tags = ['Privacy'];

const zipResponse = {
  200: { description: 'A ZIP of everything held about the person, streamed', content: { 'application/zip': { schema: { type: 'string' as const, format: 'binary' } } } },
  ...errorResponses,
};

/** Records who exported whom (the audit trail), then streams the archive. */
async function answerExport(c: Context<AppEnv>, user: User): Promise<Response> {
  const { deps, principal } = c.var;
  const archive = await exportArchive(deps, user);
  await transact(deps, (trx) => recordInternalChange(trx, principal, 'user.exported', user.id, user.customer_id, { user: { id: user.id } }));
  return c.body(Readable.toWeb(archive) as ReadableStream, 200, {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="${user.id}-export.zip"`,
    'Cache-Control': 'no-store',
  });
}

/** `/v1/users/:id/export`, `/v1/me/export` and `DELETE /v1/users/:id?erase=true`: what the GDPR asks of a vendor. */
export const privacyRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/users/{id}/export',
      middleware: [allow('users.export')] as const,
      tags,
      summary: 'Everything held about a person, as a ZIP (admins and API keys)',
      request: { params: IdParam('usr') },
      responses: zipResponse,
    }),
    async (c) => answerExport(c, await findPerson(c.var.deps.db, c.var.principal, c.req.valid('param').id)),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/export',
      middleware: [allow('me.export')] as const,
      tags,
      summary: 'Everything held about the caller, as a ZIP',
      responses: zipResponse,
    }),
    async (c) => {
      const me = personOf(c.var.principal);
      return answerExport(c, await findPerson(c.var.deps.db, me, me.userId));
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/users/{id}',
      middleware: [allow('users.erase')] as const,
      tags,
      summary: "Erase a person's personal data (`?erase=true`); the audit trail keeps their id only",
      request: { params: IdParam('usr'), query: z.object({ erase: z.enum(['true']).optional() }) },
      responses: { 204: { description: 'Erased' }, ...errorResponses },
    }),
    async (c) => {
      const { deps, principal } = c.var;
      const user = await findPerson(deps.db, principal, c.req.valid('param').id);
      if (c.req.valid('query').erase !== 'true') {
        throw invalid('Deleting a person erases their personal data: say so with ?erase=true (to stop access only, PATCH portal_access: deactivated)', [
          { path: 'erase', message: 'must be true' },
        ]);
      }
      await erasePerson(deps, principal, user);
      return c.body(null, 204);
    },
  );
