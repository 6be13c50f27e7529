import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { allow, personOf } from '../auth/policy.js';
import { transact, type AppEnv } from '../context.js';
import { notFound } from '../errors.js';
import { createRouter } from '../lib/router.js';
import { errorResponses, IdParam, json, page } from '../lib/schemas.js';
import { SessionSchema } from '../../contract/schemas/session.schema.js';
import { endSessions, listSessions, type SignOutReason } from './session.repository.js';

const tags = ['Me'];

/** Ends sessions of the caller (`ids` null: every one), answering 404 when a named one is not theirs. */
async function endMine(c: Context<AppEnv>, ids: string[] | null, reason: SignOutReason): Promise<void> {
  const principal = personOf(c.var.principal);
  await transact(c.var.deps, async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'tenant_id', 'name', 'role', 'customer_id']).where('id', '=', principal.userId).executeTakeFirstOrThrow();
    const ended = await endSessions(trx, user, ids, reason, user.id);
    if (ids && ended.length === 0) throw notFound('Session');
  });
}

/**
 * A person's own browser sessions (the hosted page, the admin page): list them, end one, or
 * sign out everywhere. Embed tokens exchanged from an ended session stop working at once.
 */
export const mySessionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/sessions',
      middleware: [allow('me.read')] as const,
      tags,
      summary: "The caller's open sessions, most recently used first",
      responses: { 200: json(page(SessionSchema), 'Every open session (one page)'), ...errorResponses },
    }),
    async (c) => {
      const principal = personOf(c.var.principal);
      c.header('Cache-Control', 'no-store');
      return c.json({ data: await listSessions(c.var.deps.db, principal, c.var.sessionId ?? null), next_cursor: null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/me/sessions/{id}',
      middleware: [allow('me.read')] as const,
      tags,
      summary: 'Sign one session out',
      request: { params: IdParam('ses') },
      responses: { 204: { description: 'Ended' }, ...errorResponses },
    }),
    async (c) => {
      await endMine(c, [c.req.valid('param').id], 'ended');
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/me/sessions',
      middleware: [allow('me.read')] as const,
      tags,
      summary: 'Sign out everywhere: every session of the caller, the current one included',
      responses: { 204: { description: 'Ended' }, ...errorResponses },
    }),
    async (c) => {
      await endMine(c, null, 'everywhere');
      return c.body(null, 204);
    },
  );
