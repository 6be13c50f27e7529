import type { Kysely } from 'kysely';

/**
 * The latest end of a person's access and of a customer's portal: an embed token issued before
 * it stays refused after a reactivation (see `auth/token-cutoff.ts`). People and portals that
 * are off now are taken to have gone off at their last change, which no token of theirs can be
 * younger than.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('access_revoked_at', 'text').execute();
  await db.schema.alterTable('customers').addColumn('portal_disabled_at', 'text').execute();
  await db.updateTable('users').set((eb) => ({ access_revoked_at: eb.ref('updated_at') })).where('portal_access', '=', 'deactivated').execute();
  await db.updateTable('customers').set((eb) => ({ portal_disabled_at: eb.ref('updated_at') })).where('portal_enabled', '=', 0).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('customers').dropColumn('portal_disabled_at').execute();
  await db.schema.alterTable('users').dropColumn('access_revoked_at').execute();
}
