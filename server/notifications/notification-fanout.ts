import type { Insertable, Kysely } from 'kysely';
import { loadUserPrincipal } from '../auth/grants.js';
import { isVisibleTo } from '../auth/visibility.js';
import type { Database, EventRow, NotificationTable } from '../db/database.js';
import { insertRows, type Consumer } from '../events/consumer.js';
import { newId } from '../lib/ids.js';
import { readPreferences, type NotificationKind } from '../users/preferences.js';
import { add, describe, planFor, type NotificationPlan } from './notification-plan.js';

type SubjectTable = NotificationPlan['subject']['table'];

/** When one event gives a person several kinds (mentioned on a task assigned to them), the first that they want wins. */
const PRIORITY: NotificationKind[] = ['mention', 'approval', 'request', 'assigned', 'comment', 'message', 'goal', 'due', 'customer_activity'];

/**
 * The notification fan-out: each event of the log becomes at most one notification per person,
 * in the app and/or queued for email as that person's preferences say. A recipient must be
 * an active user who may see the subject by the visibility rule, asked with their own
 * principal; no one hears of their own actions.
 */
export const notificationFanOut: Consumer = {
  name: 'notifications',
  async plan(db, events) {
    const lookups = new BatchLookups(db);
    const rows: Insertable<NotificationTable>[] = [];
    for (const event of events) await fanOut(db, lookups, event, rows);
    return insertRows('notifications', rows, ['user_id', 'event_id']);
  },
};

/**
 * What the events of one batch ask again and again (the same actor, account team, recipient and
 * subject), read once per batch: under load a burst of a customer's comments costs its people
 * once. An answer is at most one batch old (on SQLite the batch's reads are not one
 * transaction, see `consumeBatch`), and what it decides is asked again where it matters: a
 * notification is listed, and emailed, only while its reader may still see its subject.
 */
class BatchLookups {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(private readonly db: Kysely<Database>) {}

  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let answer = this.memo.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = read();
      this.memo.set(key, answer);
    }
    return answer;
  }

  actor(id: string) {
    return this.once(`actor ${id}`, () => this.db.selectFrom('users').select(['name', 'role']).where('id', '=', id).executeTakeFirst());
  }

  accountTeam(tenantId: string, customerId: string | null) {
    return this.once(`team ${tenantId} ${customerId}`, () => accountTeam(this.db, tenantId, customerId));
  }

  activeAdmins(tenantId: string) {
    return this.once(`admins ${tenantId}`, () => activeAdmins(this.db, tenantId));
  }

  customerName(customerId: string) {
    return this.once(`customer ${customerId}`, () => this.db.selectFrom('customers').select('name').where('id', '=', customerId).executeTakeFirst());
  }

  /** The recipients among `ids` with what deciding needs (active, in the tenant). */
  recipients(tenantId: string, ids: string[]) {
    return this.once(`users ${tenantId} ${[...ids].sort().join(',')}`, () =>
      this.db
        .selectFrom('users as u')
        .leftJoin('customers as c', 'c.id', 'u.customer_id')
        .select(['u.id', 'u.tenant_id', 'u.role', 'u.customer_id', 'u.email', 'u.preferences', 'c.portal_enabled'])
        .where('u.id', 'in', ids)
        .where('u.tenant_id', '=', tenantId)
        .where('u.portal_access', '=', 'active')
        .execute(),
    );
  }

  /** Whether `userId` may see the subject, asked with that person's own principal. */
  maySee(userId: string, table: SubjectTable, subjectId: string) {
    return this.once(`sees ${userId} ${table} ${subjectId}`, async () => {
      const recipient = await this.once(`principal ${userId}`, () => loadUserPrincipal(this.db, userId));
      return recipient !== null && (await isVisibleTo(this.db, recipient, table, subjectId));
    });
  }
}

/**
 * The staff who hear of a customer's activity: its owner and team when it has an owner, else
 * every staff user of the tenant (inactive ones are dropped with the other recipients).
 */
async function accountTeam(trx: Kysely<Database>, tenantId: string, customerId: string | null): Promise<{ id: string }[]> {
  const customer = customerId
    ? await trx.selectFrom('customers').select('owner_id').where('id', '=', customerId).where('tenant_id', '=', tenantId).executeTakeFirst()
    : undefined;
  if (customer?.owner_id) {
    const team = await trx.selectFrom('customer_team').select('user_id as id').where('customer_id', '=', customerId!).execute();
    return [{ id: customer.owner_id }, ...team];
  }
  return trx.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('role', '=', 'staff').where('portal_access', '=', 'active').execute();
}

/** The tenant's active admins: who hears of access requests and, with the owner, of a missed SLA. */
function activeAdmins(trx: Kysely<Database>, tenantId: string): Promise<{ id: string }[]> {
  return trx.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('role', '=', 'staff').where('staff_role', '=', 'admin').where('portal_access', '=', 'active').execute();
}

/** Who hears of a missed SLA: the account owner and the tenant's active admins. */
async function escalation(trx: Kysely<Database>, lookups: BatchLookups, tenantId: string, customerId: string | null): Promise<{ id: string }[]> {
  const owner = customerId ? await trx.selectFrom('customers').select('owner_id').where('id', '=', customerId).where('tenant_id', '=', tenantId).executeTakeFirst() : undefined;
  const admins = await lookups.activeAdmins(tenantId);
  return owner?.owner_id ? [{ id: owner.owner_id }, ...admins] : admins;
}

/** Adds to `rows` the notifications `event` makes. */
async function fanOut(db: Kysely<Database>, lookups: BatchLookups, event: EventRow, rows: Insertable<NotificationTable>[]): Promise<void> {
  const plan = planFor(event);
  if (!plan) return;
  const actor = event.actor_id ? await lookups.actor(event.actor_id) : undefined;
  const targets = new Map(plan.targets);
  const byCustomer = (plan.activity !== null && actor?.role === 'contact') || plan.activity === 'engagement';
  if (byCustomer) {
    const staff = await lookups.accountTeam(event.tenant_id, event.customer_id);
    for (const { id } of staff) targets.set(id, new Set([...(targets.get(id) ?? []), 'customer_activity']));
  }
  if (plan.activity === 'access_request') {
    const admins = await lookups.activeAdmins(event.tenant_id);
    for (const { id } of admins) targets.set(id, new Set([...(targets.get(id) ?? []), 'customer_activity']));
  }
  if (plan.messageTo && event.customer_id) {
    // A contact's message reaches the account team; the team's reaches the customer's contacts.
    const people =
      actor?.role === 'contact'
        ? await lookups.accountTeam(event.tenant_id, event.customer_id)
        : await db.selectFrom('users').select('id').where('tenant_id', '=', event.tenant_id).where('customer_id', '=', event.customer_id).where('role', '=', 'contact').execute();
    for (const { id } of people) targets.set(id, new Set([...(targets.get(id) ?? []), 'message']));
  }
  if (plan.request && plan.request.event !== 'updated') {
    // A new request nobody is assigned reaches the account team; a breach escalates to the owner and the admins.
    const people =
      plan.request.event === 'breached'
        ? await escalation(db, lookups, event.tenant_id, event.customer_id)
        : targets.size === 0
          ? await lookups.accountTeam(event.tenant_id, event.customer_id)
          : [];
    for (const { id } of people) targets.set(id, new Set([...(targets.get(id) ?? []), 'request']));
  }
  if (plan.dealId) {
    const deal = await db.selectFrom('deals').select('owner_id').where('id', '=', plan.dealId).where('tenant_id', '=', event.tenant_id).executeTakeFirst();
    if (deal?.owner_id) targets.set(deal.owner_id, new Set([...(targets.get(deal.owner_id) ?? []), 'message']));
  }
  if (plan.goalOwners) {
    // Progress on a shared goal: its owners on the other side hear of it (the vendor's backend is the team's side).
    const side = actor?.role === 'contact' ? 'staff' : 'contact';
    add(targets, plan.goalOwners.filter((o) => o.role === side).map((o) => o.id), 'goal');
  }
  if (event.actor_id) targets.delete(event.actor_id);
  if (targets.size === 0) return;

  const users = await lookups.recipients(event.tenant_id, [...targets.keys()]);
  const customer =
    (byCustomer || (plan.messageTo && actor?.role === 'contact') || plan.request) && event.customer_id
      ? await lookups.customerName(event.customer_id)
      : undefined;

  for (const user of users) {
    if (user.role === 'contact' && user.portal_enabled === 0) continue;
    const preferences = readPreferences(user.preferences);
    const wanted = preferences.notifications;
    const kinds = targets.get(user.id)!;
    const kind = PRIORITY.find((k) => kinds.has(k) && (wanted[k].in_app || (wanted[k].email && user.email)));
    if (!kind) continue;
    if (!(await lookups.maySee(user.id, plan.subject.table, plan.subject.id))) continue;
    const email = wanted[kind].email && Boolean(user.email);
    rows.push({
      id: newId('ntf'),
      tenant_id: event.tenant_id,
      user_id: user.id,
      kind,
      task_id: plan.taskId,
      thread_id: plan.thread?.id ?? null,
      event_id: event.id,
      actor_id: event.actor_id,
      data: JSON.stringify(describe(kind, plan, actor?.name ?? null, customer?.name ?? null, event.created_at, preferences)),
      read_at: null,
      created_at: event.created_at,
      in_app: wanted[kind].in_app ? 1 : 0,
      email_status: email ? 'pending' : null,
      email_claim: null,
      email_claimed_at: null,
      emailed_at: null,
    });
  }
}
