import type { Kysely } from 'kysely';
import { senderName } from '../auth/magic-link.email.js';
import { actorId, type Principal } from '../auth/principal.js';
import type { Deps } from '../context.js';
import type { Database } from '../db/database.js';
import { ApiError, notFound } from '../errors.js';
import { html } from '../hosted/html.js';
import { findTenant } from '../tenants/tenant.repository.js';
import { removeTotp } from './mfa.repository.js';

/**
 * An admin's reset of a person's lost authenticator: their TOTP and recovery codes go (and any
 * code page they had open), with a `user.mfa_disabled` row naming the admin. 404 for someone
 * not of the caller's tenant, or without an authenticator.
 * @returns the person, for the email that tells them
 */
export async function resetMfa(trx: Kysely<Database>, principal: Principal, userId: string) {
  const user = await trx
    .selectFrom('users')
    .select(['id', 'tenant_id', 'name', 'role', 'customer_id', 'email'])
    .where('id', '=', userId)
    .where('tenant_id', '=', principal.tenantId)
    .executeTakeFirst();
  if (!user) throw notFound('User');
  if (!(await removeTotp(trx, user, { actorId: actorId(principal) }))) throw new ApiError(404, 'not_found', 'This person has no authenticator set up');
  return user;
}

/** Tells the person their authenticator was reset: if they did not ask for it, they should say so. */
export async function sendMfaResetEmail(deps: Deps, person: { tenant_id: string; name: string; email: string | null }): Promise<void> {
  if (!person.email) return;
  const tenant = (await findTenant(deps.db, person.tenant_id))!;
  const portal = `${deps.config.publicUrl}/p/${tenant.slug}`;
  const lines = [
    `Hello ${person.name},`,
    '',
    `An administrator of ${tenant.name} has removed the authenticator app from your account, as happens when a phone is lost.`,
    `Your next sign-in at ${portal} works without a code; if ${tenant.name} requires one, you will set up a new authenticator then.`,
    '',
    `If you did not ask for this, tell ${tenant.name} at once.`,
    '',
  ];
  const body = html`<p>Hello ${person.name},</p>
<p>An administrator of ${tenant.name} has removed the authenticator app from your account, as happens when a phone is lost.</p>
<p>Your next sign-in at <a href="${portal}">${tenant.name} portal</a> works without a code; if ${tenant.name} requires one, you will set up a new authenticator then.</p>
<p>If you did not ask for this, tell ${tenant.name} at once.</p>`;
  await deps.mailer.send({ to: person.email, subject: `Your two-step sign-in for ${tenant.name} was reset`, text: lines.join('\n'), html: body.text, fromName: senderName(tenant) });
}
