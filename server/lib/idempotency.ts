import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../context.js';
import { fingerprintUpload } from '../documents/upload.js';
import { ApiError, invalid } from '../errors.js';
import { callerKey } from '../auth/principal.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const isMultipart = (type: string | undefined) => /^multipart\/form-data/i.test(type ?? '');

/**
 * `Idempotency-Key` on writes: the same key and body within 24 hours answers the first
 * result again and writes nothing; another body answers 422; a repeat while the first is
 * still running answers 409. Keys are per caller. A 5xx is not remembered, so it can be retried.
 * An upload is compared by its fields and file hash (its multipart boundary changes on
 * every send); the documents route reports that fingerprint through `c.var.fingerprint`.
 */
export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key');
  // Public routes (sign-in) have no caller to scope a key by.
  if (key === undefined || !WRITES.has(c.req.method) || !c.var.principal) return next();
  if (key.length < 1 || key.length > 255) {
    throw invalid('Invalid Idempotency-Key', [{ path: 'Idempotency-Key', message: 'must be 1 to 255 characters' }]);
  }
  const { db, config } = c.var.deps;
  const principal = c.var.principal;
  const scope = `${principal.tenantId}:${callerKey(principal)}`;
  const multipart = isMultipart(c.req.header('content-type'));
  const endpoint = `${c.req.method} ${c.req.path}`;
  const fingerprint = async () =>
    multipart
      ? `${endpoint}:${await fingerprintUpload(c.req.raw, config.uploadLimit)}`
      : `${endpoint}:${createHash('sha256').update(await c.req.text()).digest('hex')}`;

  const since = new Date(Date.now() - DAY_MS).toISOString();
  const existing = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  if (existing && existing.created_at >= since) {
    if (existing.state === 'running') {
      throw new ApiError(409, 'request_in_progress', 'A request with this Idempotency-Key is still running');
    }
    if ((await fingerprint()) !== existing.request_hash) {
      throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with another request');
    }
    // Through c.body, so the headers already set (CORS, nosniff) reach the browser too.
    const status = existing.response_status!;
    if (status === 204) return c.body(null, 204, { 'idempotent-replayed': 'true' });
    return c.body(existing.response_body ?? '', status as ContentfulStatusCode, {
      'content-type': existing.response_type ?? 'application/json',
      'idempotent-replayed': 'true',
    });
  }

  const now = new Date().toISOString();
  if (existing) await db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ scope, key, request_hash: null, state: 'running', response_status: null, response_type: null, response_body: null, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) === 0) {
    throw new ApiError(409, 'request_in_progress', 'A request with this Idempotency-Key is still running');
  }

  const requestHash = multipart ? null : await fingerprint();
  try {
    await next();
  } catch (error) {
    await db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
    throw error;
  }
  if (c.res.status >= 500 || (multipart && !c.var.fingerprint)) {
    await db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
    return;
  }
  const body = await c.res.clone().text();
  await db
    .updateTable('idempotency_keys')
    .set({
      state: 'done',
      request_hash: requestHash ?? `${endpoint}:${c.var.fingerprint}`,
      response_status: c.res.status,
      response_type: c.res.headers.get('content-type'),
      response_body: body,
    })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
};
