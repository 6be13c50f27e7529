import type { Kysely } from 'kysely';
import { newId } from '../../lib/ids.js';

/**
 * Trust: the audit trail's client address and user agent on every event, and browser sessions
 * a person can list and end (a public `ses_` id, where and with what they were opened).
 * Sessions opened before this migration get an id of their own; their address stays unknown.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('events').addColumn('ip', 'text').execute();
  await db.schema.alterTable('events').addColumn('user_agent', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('id', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('ip', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
  const open = await db.selectFrom('sessions').select('id_hash').execute();
  for (const { id_hash } of open) await db.updateTable('sessions').set({ id: newId('ses') }).where('id_hash', '=', id_hash).execute();
  await db.schema.createIndex('sessions_id').unique().on('sessions').column('id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_id').execute();
  for (const column of ['user_agent', 'ip', 'id']) await db.schema.alterTable('sessions').dropColumn(column).execute();
  for (const column of ['user_agent', 'ip']) await db.schema.alterTable('events').dropColumn(column).execute();
}
