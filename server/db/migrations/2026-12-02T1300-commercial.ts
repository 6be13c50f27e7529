import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Commercial (issue 12): deals with their shared timeline and each contact's last visit,
 * financial documents with their sign-off records, and the partner portal (tiers, deal
 * registrations, referrals, commissions). Money is integer minor units beside an ISO 4217 code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const money = isPostgres(db) ? 'bigint' : 'integer';
  const owned = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'));

  await owned('deals')
    .addColumn('external_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stages', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expected_close_date', 'text')
    .addColumn('value', money)
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('value_shared', 'integer', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('next_steps', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deals_customer').on('deals').columns(['tenant_id', 'customer_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('deals_list').on('deals').columns(['tenant_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('deals_external').on('deals').columns(['tenant_id', 'external_id']).unique().where('external_id', 'is not', null).execute();

  await db.schema
    .createTable('deal_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('previous', 'text')
    .addColumn('current', 'text')
    .addColumn('body', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deal_updates_deal').on('deal_updates').columns(['deal_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('deal_visits')
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('visited_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('deal_visits_pk', ['deal_id', 'user_id'])
    .execute();

  await owned('financial_documents')
    .addColumn('external_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('total', money, (c) => c.notNull())
    .addColumn('amount_due', money, (c) => c.notNull())
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('financial_documents_customer').on('financial_documents').columns(['tenant_id', 'customer_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('financial_documents_list').on('financial_documents').columns(['tenant_id', 'created_at', 'id']).execute();
  await db.schema
    .createIndex('financial_documents_external')
    .on('financial_documents')
    .columns(['tenant_id', 'external_id'])
    .unique()
    .where('external_id', 'is not', null)
    .execute();

  // One decision a quote: the primary key refuses a second one, whatever races.
  await db.schema
    .createTable('financial_signoffs')
    .addColumn('financial_document_id', 'text', (c) => c.primaryKey().references('financial_documents.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .addColumn('total', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('partner_tiers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('min_won_value', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('rate_bp', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partner_tiers_tenant').on('partner_tiers').columns(['tenant_id', 'min_won_value']).execute();

  await owned('deal_registrations')
    .addColumn('company', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('estimated_value', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('expected_close_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('protection_ends_at', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('appeal_reason', 'text')
    .addColumn('appealed_at', 'text')
    .addColumn('outcome_value', money)
    .addColumn('outcome_at', 'text')
    .addColumn('deal_id', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deal_registrations_customer').on('deal_registrations').columns(['tenant_id', 'customer_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('deal_registrations_list').on('deal_registrations').columns(['tenant_id', 'created_at', 'id']).execute();
  // At most one protected registration a prospect domain: two approvals racing cannot both win.
  await db.schema
    .createIndex('deal_registrations_protected')
    .on('deal_registrations')
    .columns(['tenant_id', 'domain'])
    .unique()
    .where(sql.ref('status'), '=', 'approved')
    .execute();
  await db.schema.createIndex('deal_registrations_expiry').on('deal_registrations').columns(['status', 'protection_ends_at']).execute();

  await owned('referrals')
    .addColumn('company', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('deal_id', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('referrals_customer').on('referrals').columns(['tenant_id', 'customer_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('referrals_domain').on('referrals').columns(['tenant_id', 'domain', 'status']).execute();

  await owned('commissions')
    .addColumn('registration_id', 'text', (c) => c.notNull().unique().references('deal_registrations.id').onDelete('cascade'))
    .addColumn('tier_id', 'text')
    .addColumn('deal_value', money, (c) => c.notNull())
    .addColumn('rate_bp', 'integer', (c) => c.notNull())
    .addColumn('amount', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('commissions_customer').on('commissions').columns(['tenant_id', 'customer_id', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['commissions', 'referrals', 'deal_registrations', 'partner_tiers', 'financial_signoffs', 'financial_documents', 'deal_visits', 'deal_updates', 'deals']) {
    await db.schema.dropTable(table).execute();
  }
}
