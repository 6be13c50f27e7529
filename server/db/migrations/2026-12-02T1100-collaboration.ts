import type { Kysely } from 'kysely';
import { randomToken } from '../../lib/ids.js';

/**
 * Collaboration (issue 9): message threads of a customer (its general thread, project threads,
 * deal threads), their messages with internal notes, and each person's read marker per thread
 * (read receipts and unread counts), and approvals of a task or a document version with one
 * step per approver (each decision a sign-off record). Every customer that exists gets its
 * general thread.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.references('projects.id').onDelete('cascade'))
    // No foreign key yet: deals arrive with issue 12, which validates it.
    .addColumn('deal_id', 'text')
    .addColumn('general', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_message_at', 'text')
    .execute();
  await db.schema.createIndex('threads_customer').on('threads').columns(['tenant_id', 'customer_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('threads_project').on('threads').column('project_id').execute();
  await db.schema.createIndex('threads_deal').on('threads').column('deal_id').execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('author_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('document_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('messages_thread').on('messages').columns(['thread_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('thread_reads')
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    // The position (created_at, id) of the last message read: messages up to it are read.
    .addColumn('message_at', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('thread_reads_pk', ['thread_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    // The task of the subject (the task itself, or the document's task): the rule follows it.
    .addColumn('task_id', 'text')
    .addColumn('document_version', 'integer')
    .addColumn('document_sha256', 'text')
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('message', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.createIndex('approvals_customer').on('approvals').columns(['tenant_id', 'customer_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('approvals_subject').on('approvals').column('subject_id').execute();

  await db.schema
    .createTable('approval_steps')
    .addColumn('approval_id', 'text', (c) => c.notNull().references('approvals.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('approver_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('comment', 'text')
    .addColumn('decided_at', 'text')
    // The sign-off record of the decision: from where, with what, on which bytes.
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('document_version', 'integer')
    .addColumn('document_sha256', 'text')
    .addPrimaryKeyConstraint('approval_steps_pk', ['approval_id', 'approver_id'])
    .execute();
  await db.schema.createIndex('approval_steps_approver').on('approval_steps').columns(['approver_id', 'decision']).execute();

  // A message notification names its thread, so it goes when the thread is no longer visible.
  await db.schema.alterTable('notifications').addColumn('thread_id', 'text').execute();

  const customers = await db.selectFrom('customers').select(['id', 'tenant_id', 'created_at']).execute();
  for (const c of customers) {
    await db
      .insertInto('threads')
      .values({
        id: `thr_${randomToken(16)}`,
        tenant_id: c.tenant_id,
        customer_id: c.id,
        project_id: null,
        deal_id: null,
        general: 1,
        subject: 'General',
        visibility: 'portal',
        created_by: null,
        created_at: c.created_at,
        updated_at: c.created_at,
        last_message_at: null,
      })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('thread_id').execute();
  await db.schema.dropTable('approval_steps').execute();
  await db.schema.dropTable('approvals').execute();
  await db.schema.dropTable('thread_reads').execute();
  await db.schema.dropTable('messages').execute();
  await db.schema.dropTable('threads').execute();
}
