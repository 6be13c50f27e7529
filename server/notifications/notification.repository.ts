import { sql, type Kysely } from 'kysely';
import type { UserPrincipal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Database } from '../db/database.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import type { NotificationKind } from '../users/preferences.js';
import type { MarkReadInput, NotificationView } from './notification.schema.js';



/** What a notification shows, as stored in its `data`. */
export interface NotificationText {
  title: string;
  body: string;
}

/**
 * The notifications of `principal` whose task (if any) the person may still see: the visibility
 * rule is part of the query, so a task turned internal or deleted takes its notifications with it.
 */
export function notificationsOf(db: Kysely<Database>, principal: UserPrincipal) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('users as a', 'a.id', 'n.actor_id')
    .select(['n.id', 'n.kind', 'n.task_id', 'n.thread_id', 'n.actor_id', 'a.name as actor_name', 'n.data', 'n.read_at', 'n.created_at'])
    .where('n.tenant_id', '=', principal.tenantId)
    .where('n.user_id', '=', principal.userId)
    .where((eb) =>
      eb.or([
        eb('n.task_id', 'is', null),
        eb.exists(eb.selectFrom('tasks as t').select(sql<number>`1`.as('one')).whereRef('t.id', '=', 'n.task_id').where(visibleTo(principal, 'tasks', 't'))),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('n.thread_id', 'is', null),
        eb.exists(eb.selectFrom('threads as th').select(sql<number>`1`.as('one')).whereRef('th.id', '=', 'n.thread_id').where(visibleTo(principal, 'threads', 'th'))),
      ]),
    );
}

type NotificationRow = {
  id: string;
  kind: string;
  task_id: string | null;
  thread_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  data: string;
  read_at: string | null;
  created_at: string;
};

export function toNotificationView(row: NotificationRow): NotificationView {
  const text = JSON.parse(row.data) as Partial<NotificationText>;
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    task_id: row.task_id,
    thread_id: row.thread_id,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
    title: text.title ?? '',
    body: text.body ?? '',
    read_at: row.read_at,
    created_at: row.created_at,
  };
}

async function unreadCount(db: Kysely<Database>, principal: UserPrincipal): Promise<number> {
  const row = await notificationsOf(db, principal)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('n.in_app', '=', 1)
    .where('n.read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/**
 * The caller's in-app notifications, newest first, with the number still unread.
 * @example const { data, unread_count } = await listNotifications(db, principal, { limit: 20, unread: true });
 */
export async function listNotifications(
  db: Kysely<Database>,
  principal: UserPrincipal,
  filters: PageRequest & { unread?: boolean },
): Promise<Page<NotificationView> & { unread_count: number }> {
  let query = notificationsOf(db, principal).where('n.in_app', '=', 1);
  if (filters.unread) query = query.where('n.read_at', 'is', null);
  const [paged, toPage] = paginate(query, 'n', filters, 'desc');
  const page = toPage(await paged.execute(), toNotificationView);
  return { ...page, unread_count: await unreadCount(db, principal) };
}

/** One in-app notification of the caller, if it may still be seen. */
export async function findNotification(db: Kysely<Database>, principal: UserPrincipal, id: string): Promise<NotificationView | undefined> {
  const row = await notificationsOf(db, principal).where('n.id', '=', id).where('n.in_app', '=', 1).executeTakeFirst();
  return row ? toNotificationView(row) : undefined;
}

/** Marks the caller's notifications read (some by id, or all); answers what is still unread. */
export async function markRead(db: Kysely<Database>, principal: UserPrincipal, input: MarkReadInput): Promise<number> {
  let update = db
    .updateTable('notifications')
    .set({ read_at: new Date().toISOString() })
    .where('tenant_id', '=', principal.tenantId)
    .where('user_id', '=', principal.userId)
    .where('read_at', 'is', null);
  if ('ids' in input) update = update.where('id', 'in', input.ids);
  await update.execute();
  return unreadCount(db, principal);
}
