import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Task counts kept by every write, for the team's statistics of a whole tenant, which would
 * otherwise count every task the tenant has (`GET /v1/stats` without `customer_id`). A row
 * counts a tenant's tasks (not deleted) of one status and one due date (`''` for none), so
 * "overdue" (not done, due before today) is a sum over a few hundred rows whatever the day.
 * Triggers keep it, in the transaction of the write, whichever code writes the tasks.
 * - **SQLite** (one writer): each change adds to its row (an upsert); rows at zero go.
 * - **PostgreSQL**: several transactions at once would wait on the same rows, and in opposite
 *   orders deadlock, so a change appends a signed delta instead (no lock, no unique key) and
 *   the sum reads them all; a worker folds the deltas into one row per key now and then
 *   (`compactTaskCounts`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  let table = db.schema
    .createTable('task_counts')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull());
  if (!isPostgres(db)) table = table.addPrimaryKeyConstraint('task_counts_pk', ['tenant_id', 'status', 'due_date']);
  await table.execute();
  if (isPostgres(db)) {
    await db.schema.createIndex('task_counts_key').on('task_counts').columns(['tenant_id', 'status', 'due_date']).execute();
    await sql`create function task_counts_apply() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') and old.deleted_at is null then
          insert into task_counts (tenant_id, status, due_date, n) values (old.tenant_id, old.status, coalesce(old.due_date, ''), -1);
        end if;
        if tg_op in ('INSERT', 'UPDATE') and new.deleted_at is null then
          insert into task_counts (tenant_id, status, due_date, n) values (new.tenant_id, new.status, coalesce(new.due_date, ''), 1);
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger task_counts_insert after insert or delete on tasks for each row execute function task_counts_apply()`.execute(db);
    await sql`create trigger task_counts_update after update of tenant_id, status, due_date, deleted_at on tasks for each row
      when (old.tenant_id is distinct from new.tenant_id or old.status is distinct from new.status or old.due_date is distinct from new.due_date or (old.deleted_at is null) <> (new.deleted_at is null))
      execute function task_counts_apply()`.execute(db);
  } else {
    const add = (row: 'old' | 'new', n: 1 | -1) =>
      `insert into task_counts (tenant_id, status, due_date, n) select ${row}.tenant_id, ${row}.status, coalesce(${row}.due_date, ''), ${n} where ${row}.deleted_at is null
        on conflict (tenant_id, status, due_date) do update set n = n + excluded.n;`;
    const dropEmpty = `delete from task_counts where tenant_id = old.tenant_id and status = old.status and due_date = coalesce(old.due_date, '') and n = 0;`;
    await sql.raw(`create trigger task_counts_insert after insert on tasks begin ${add('new', 1)} end`).execute(db);
    await sql.raw(`create trigger task_counts_delete after delete on tasks begin ${add('old', -1)} ${dropEmpty} end`).execute(db);
    await sql.raw(`create trigger task_counts_update after update of tenant_id, status, due_date, deleted_at on tasks
      when old.tenant_id is not new.tenant_id or old.status is not new.status or old.due_date is not new.due_date or (old.deleted_at is null) <> (new.deleted_at is null)
      begin ${add('old', -1)} ${add('new', 1)} ${dropEmpty} end`).execute(db);
  }
  await sql`insert into task_counts (tenant_id, status, due_date, n)
    select tenant_id, status, coalesce(due_date, ''), count(*) from tasks where deleted_at is null group by tenant_id, status, coalesce(due_date, '')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger task_counts_insert on tasks`.execute(db);
    await sql`drop trigger task_counts_update on tasks`.execute(db);
    await sql`drop function task_counts_apply()`.execute(db);
  } else {
    for (const trigger of ['task_counts_insert', 'task_counts_delete', 'task_counts_update']) await sql`drop trigger ${sql.id(trigger)}`.execute(db);
  }
  await db.schema.dropTable('task_counts').execute();
}
