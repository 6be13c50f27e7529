import type { Kysely } from 'kysely';
import { hashOpaqueToken } from '../auth/opaque-token.js';
import { findRecipients } from '../auth/magic-link.repository.js';
import type { Database, User } from '../db/database.js';
import { lockTenant } from '../tenants/tenant-settings.repository.js';
import type { StartedFlow } from './oidc.js';
import type { StoredSso } from './sso-settings.js';

/** Time to sign in at the provider and come back. */
export const FLOW_TTL_MS = 10 * 60_000;

/** Remembers a started flow by its `state`'s hash, bound to the browser cookie's hash. */
export async function saveFlow(db: Kysely<Database>, tenantId: string, flow: StartedFlow, browserCookie: string, landing: string, now = Date.now()): Promise<void> {
  await db
    .insertInto('sso_flows')
    .values({
      state_hash: hashOpaqueToken(flow.state),
      tenant_id: tenantId,
      browser_hash: hashOpaqueToken(browserCookie),
      code_verifier: flow.codeVerifier,
      nonce: flow.nonce,
      landing,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + FLOW_TTL_MS).toISOString(),
      used_at: null,
    })
    .execute();
}

/**
 * Uses a flow: one conditional update, so a state is spent once, only in the browser that
 * started it, only for its tenant, only in time.
 * @returns the flow's secrets, or null for a wrong, foreign, used or expired state
 */
export async function takeFlow(db: Kysely<Database>, tenantId: string, state: string, browserCookie: string, now = Date.now()) {
  const stateHash = hashOpaqueToken(state);
  const at = new Date(now).toISOString();
  const result = await db
    .updateTable('sso_flows')
    .set({ used_at: at })
    .where('state_hash', '=', stateHash)
    .where('tenant_id', '=', tenantId)
    .where('browser_hash', '=', hashOpaqueToken(browserCookie))
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return null;
  return db.selectFrom('sso_flows').select(['code_verifier', 'nonce', 'landing']).where('state_hash', '=', stateHash).executeTakeFirstOrThrow();
}

/**
 * The person a verified company email signs in: someone of the tenant with that address who
 * may sign in (as a link would find them). Of a person with several accounts, the staff one
 * when the admin page asked, else the first.
 * @returns the user, `deactivated` when the address is only a person whose access ended, or undefined
 */
export async function findSsoUser(trx: Kysely<Database>, tenantId: string, email: string, wantsAdmin: boolean): Promise<User | 'deactivated' | undefined> {
  const recipients = await findRecipients(trx, tenantId, email);
  const chosen = (wantsAdmin && recipients.find((r) => r.role === 'staff')) || recipients[0];
  if (chosen) return trx.selectFrom('users').selectAll().where('id', '=', chosen.id).executeTakeFirstOrThrow();
  const ended = await trx.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('email', '=', email).executeTakeFirst();
  return ended ? 'deactivated' : undefined;
}

/** Notes the provider's first successful sign-in: from then on SSO may be required. */
export async function markVerified(trx: Kysely<Database>, tenantId: string, now = Date.now()): Promise<void> {
  const tenant = await lockTenant(trx, tenantId);
  const settings = JSON.parse(tenant.settings) as { sso?: StoredSso };
  if (!settings.sso?.oidc || settings.sso.verified_at) return;
  settings.sso.verified_at = new Date(now).toISOString();
  await trx.updateTable('tenants').set({ settings: JSON.stringify(settings) }).where('id', '=', tenantId).execute();
}
