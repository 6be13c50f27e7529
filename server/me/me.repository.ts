import type { Kysely } from 'kysely';
import { CAPABILITIES } from '../auth/capabilities.js';
import { holds, type UserPrincipal } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { notFound } from '../errors.js';
import { findTenant } from '../tenants/tenant.repository.js';
import { resolveBranding } from '../tenants/tenant-settings.repository.js';
import { mergePreferences, readPreferences, type Preferences, type PreferencesPatchInput } from '../users/preferences.js';
import type { MeView } from './me.schema.js';

type Person = UserPrincipal;

/**
 * Who the embed token belongs to, its customer and its tenant with the branding resolved:
 * everything the widget needs to start.
 * @example const me = await getMe(db, config.publicUrl, principal);
 */
export async function getMe(db: Kysely<Database>, publicUrl: string, principal: Person): Promise<MeView> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', principal.userId).where('tenant_id', '=', principal.tenantId).executeTakeFirst();
  const tenant = await findTenant(db, principal.tenantId);
  if (!user || !tenant) throw notFound('User');
  const customer = principal.customerId
    ? await db.selectFrom('customers').select(['id', 'name', 'portal_type']).where('id', '=', principal.customerId).where('tenant_id', '=', principal.tenantId).executeTakeFirst()
    : undefined;
  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      staff_role: principal.kind === 'staff' ? principal.staffRole : null,
      customer_id: user.customer_id,
      preferences: readPreferences(user.preferences),
    },
    // In the list's own order, so the answer reads the same whatever order the sets were built in.
    capabilities: CAPABILITIES.filter((c) => holds(principal, c)),
    customer: customer ?? null,
    tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug, branding: await resolveBranding(db, publicUrl, tenant) },
  };
}

/**
 * Applies a preferences change to the caller's own preferences, under a row lock so two
 * changes at once both land, and answers the full preferences.
 */
export async function updatePreferences(trx: Kysely<Database>, principal: Person, patch: PreferencesPatchInput): Promise<Preferences> {
  const query = trx.selectFrom('users').select('preferences').where('id', '=', principal.userId).where('tenant_id', '=', principal.tenantId);
  const row = await (isPostgres(trx) ? query.forUpdate() : query).executeTakeFirst();
  if (!row) throw notFound('User');
  const preferences = mergePreferences(readPreferences(row.preferences), patch);
  await trx.updateTable('users').set({ preferences: JSON.stringify(preferences), updated_at: new Date().toISOString() }).where('id', '=', principal.userId).execute();
  return preferences;
}
