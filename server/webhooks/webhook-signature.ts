import { createHmac, randomBytes } from 'node:crypto';

/**
 * A new endpoint secret in the Standard Webhooks form: `whsec_` and 24 random bytes in base64.
 * @example const secret = newWebhookSecret(); // 'whsec_…'
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * The `webhook-signature` header of one attempt, per Standard Webhooks: `v1,` and the base64
 * HMAC-SHA256 of `id.timestamp.body`, keyed with the base64-decoded part of the secret after
 * `whsec_`. Any Standard Webhooks library verifies it.
 * @example signWebhook('whsec_…', 'msg_…', 1767225600, '{"type":"task.created",…}') // 'v1,…'
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}
