import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { allow, personOf } from '../auth/policy.js';
import { transact, type AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { createRouter } from '../lib/router.js';
import { errorResponses, json, jsonBody } from '../lib/schemas.js';
import { findTenant } from '../tenants/tenant.repository.js';
import { resetMfa, sendMfaResetEmail } from './mfa-reset.js';
import { MfaStatusSchema, RecoveryCodesSchema, TotpEnrolmentSchema } from '../../contract/schemas/mfa.schema.js';
import { acceptCode, checkNotLocked, confirmTotp, mfaStatus, recordFailure, removeTotp, startTotp } from './mfa.repository.js';

const tags = ['Me'];

const CodeBody = z.object({ code: z.string().trim().min(6).max(20).openapi({ description: 'A 6-digit code from the authenticator app (or, to remove, a recovery code)', example: '123456' }) }).strict();

const wrongCode = () => new ApiError(400, 'invalid_code', 'This code is not right (or was already used); enter the current one');

/** The caller as a user row (its email labels the authenticator entry). */
const caller = async (c: Context<AppEnv>) => {
  const principal = personOf(c.var.principal);
  return c.var.deps.db.selectFrom('users').select(['id', 'tenant_id', 'name', 'role', 'customer_id', 'email']).where('id', '=', principal.userId).executeTakeFirstOrThrow();
};

/**
 * A person's own authenticator (TOTP): set it up, confirm it with a first code (answering the
 * recovery codes once), remove it with a code. Wrong codes count toward the same lock as the
 * sign-in's code page.
 */
export const mfaRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/mfa',
      middleware: [allow('me.read')] as const,
      tags,
      summary: "The caller's two-step sign-in state",
      responses: { 200: json(MfaStatusSchema, 'The state'), ...errorResponses },
    }),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await mfaStatus(c.var.deps.db, personOf(c.var.principal).userId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/mfa/totp',
      middleware: [allow('me.read')] as const,
      tags,
      summary: 'Start setting up an authenticator app: answers its secret and otpauth URL (pending until confirmed)',
      responses: { 200: json(TotpEnrolmentSchema, 'The secret to enter in the app'), ...errorResponses },
    }),
    async (c) => {
      const user = await caller(c);
      const tenant = (await findTenant(c.var.deps.db, user.tenant_id))!;
      c.header('Cache-Control', 'no-store');
      return c.json(await transact(c.var.deps, (trx) => startTotp(trx, user, tenant.name)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/mfa/totp/confirm',
      middleware: [allow('me.read')] as const,
      tags,
      summary: 'Confirm the pending authenticator with a code from it; answers the recovery codes, once',
      request: { body: jsonBody(CodeBody) },
      responses: { 200: json(RecoveryCodesSchema, 'Two-step sign-in is on'), ...errorResponses },
    }),
    async (c) => {
      const user = await caller(c);
      const { code } = c.req.valid('json');
      await checkNotLocked(c.var.deps.db, user.id);
      const pending = await c.var.deps.db.selectFrom('mfa_totp').select('confirmed_at').where('user_id', '=', user.id).executeTakeFirst();
      if (!pending || pending.confirmed_at) throw new ApiError(409, 'mfa_not_pending', 'No authenticator is waiting to be confirmed: start with POST /v1/me/mfa/totp');
      const codes = await transact(c.var.deps, (trx) => confirmTotp(trx, user, code));
      if (!codes) {
        await recordFailure(c.var.deps, user);
        throw wrongCode();
      }
      c.header('Cache-Control', 'no-store');
      return c.json({ recovery_codes: codes }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/me/mfa/totp',
      middleware: [allow('me.read')] as const,
      tags,
      summary: 'Remove the authenticator (and its recovery codes); a confirmed one needs a current code',
      description: 'Body `{code}`: a TOTP code or a recovery code, so that a borrowed session cannot turn the second step off. 409 `mfa_required` when the tenant requires it of the caller.',
      request: { body: { content: { 'application/json': { schema: CodeBody } }, required: false } },
      responses: { 204: { description: 'Removed' }, ...errorResponses },
    }),
    async (c) => {
      const user = await caller(c);
      const status = await mfaStatus(c.var.deps.db, user.id);
      if (status.totp === 'off') throw new ApiError(404, 'not_found', 'No authenticator is set up');
      if (status.required && status.totp === 'on') throw new ApiError(409, 'mfa_required', 'Your organisation requires two-step sign-in: it cannot be turned off');
      if (status.totp === 'on') {
        await checkNotLocked(c.var.deps.db, user.id);
        const body = c.req.valid('json') as { code?: string } | undefined;
        if (!body?.code) throw new ApiError(400, 'validation_failed', 'Enter a current code to remove the authenticator', [{ path: 'code', message: 'required' }]);
        const removed = await transact(c.var.deps, async (trx) => (await acceptCode(trx, user.id, body.code!)) !== null && removeTotp(trx, user));
        if (!removed) {
          await recordFailure(c.var.deps, user);
          throw wrongCode();
        }
      } else {
        await transact(c.var.deps, (trx) => removeTotp(trx, user));
      }
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/users/{id}/mfa',
      middleware: [allow('users.mfa_reset')] as const,
      tags: ['Users'],
      summary: "Reset a person's lost authenticator (admins): removes their TOTP and recovery codes, and emails them",
      request: { params: z.object({ id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' } }) }) },
      responses: { 204: { description: 'Removed' }, ...errorResponses },
    }),
    async (c) => {
      const person = await transact(c.var.deps, (trx) => resetMfa(trx, c.var.principal, c.req.valid('param').id));
      sendMfaResetEmail(c.var.deps, person).catch((error: unknown) => console.error('[mail] authenticator reset email not sent:', error instanceof Error ? error.message : error));
      return c.body(null, 204);
    },
  );
