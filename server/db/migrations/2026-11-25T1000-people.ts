import type { Kysely } from 'kysely';

/**
 * Finds a person's latest event in one index step: the customers list shows, for each
 * customer, when one of its contacts last acted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('events_actor').on('events').columns(['actor_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('events_actor').execute();
}
