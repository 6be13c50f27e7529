import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { isPortalVisible, visibleTo } from '../auth/visibility.js';
import type { Comment, Database, Role } from '../db/database.js';
import { insertRow } from '../db/compiled-queries.js';
import { notFound } from '../errors.js';
import type { TaskView } from '../tasks/task.schema.js';
import { recordEvent } from '../events/record-event.js';
import { newId } from '../lib/ids.js';
import { authorOf, currentAuthor } from '../people/author.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import { listPeople } from '../people/people.repository.js';
import { getTask } from '../tasks/task.repository.js';
import type { CommentView, CreateCommentInput, UpdateCommentInput } from './comment.schema.js';
import { findMentions } from './mentions.js';

type CommentWithAuthor = Comment & { author_name: string | null; author_role: Role | null };

export function toCommentView(row: CommentWithAuthor): CommentView {
  return {
    id: row.id,
    task_id: row.task_id,
    customer_id: row.customer_id,
    author_id: row.author_id,
    author: authorOf(row),
    body: row.body,
    visibility: row.visibility,
    mentions: JSON.parse(row.mentions) as string[],
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function commentsWithAuthor(db: Kysely<Database>) {
  return db.selectFrom('comments as c').leftJoin('users as u', 'u.id', 'c.author_id').selectAll('c').select(['u.name as author_name', 'u.role as author_role']);
}

/**
 * The comments on task `taskId` that `principal` may see, oldest first; a 404 when the task
 * itself is not visible. A contact never sees internal comments.
 * @example await listComments(db, principal, 'tsk_…', { limit: 50 });
 */
export async function listComments(db: Kysely<Database>, principal: Principal, taskId: string, page: PageRequest): Promise<Page<CommentView>> {
  await getTask(db, principal, taskId);
  const query = commentsWithAuthor(db).where('c.task_id', '=', taskId).where(visibleTo(principal, 'comments', 'c'));
  const [paged, toPage] = paginate(query, 'c', page);
  return toPage(await paged.execute(), toCommentView);
}

/**
 * Adds a comment to a task the caller may see, records who it mentions and appends
 * `comment.created`. Only people who can read the comment can be mentioned: on a comment no
 * contact may see (internal, or on a task hidden from the portal), only staff.
 */
export async function createComment(trx: Kysely<Database>, principal: Principal, taskId: string, input: CreateCommentInput): Promise<CommentView> {
  const task = await getTask(trx, principal, taskId);
  const visibility = input.visibility ?? 'portal';
  // Without an `@` nobody is mentioned: most comments need neither the people nor the task's portal visibility.
  const mentions = input.body.includes('@') ? await mentionsIn(trx, principal, task, visibility, input.body) : [];

  const author = await currentAuthor(trx, principal);
  const now = new Date().toISOString();
  const row: Comment = {
    id: newId('cmt'),
    tenant_id: principal.tenantId,
    customer_id: task.customer_id,
    task_id: task.id,
    author_id: author.author_id,
    body: input.body,
    visibility,
    mentions: JSON.stringify(mentions),
    created_at: now,
    updated_at: now,
  };
  await insertRow(trx, 'comments', row);
  const comment = toCommentView({ ...row, ...author });
  await recordCommentEvent(trx, principal, 'comment.created', comment, task);
  return comment;
}

async function mentionsIn(trx: Kysely<Database>, principal: Principal, task: TaskView, visibility: Comment['visibility'], body: string): Promise<string[]> {
  const portal = visibility === 'portal' && (await isPortalVisible(trx, 'tasks', task.id, principal.tenantId, task.customer_id));
  const people = (await listPeople(trx, principal, task.customer_id)).filter((p) => portal || p.role === 'staff');
  return findMentions(body, people);
}

function recordCommentEvent(trx: Kysely<Database>, principal: Principal, type: 'comment.created' | 'comment.updated', comment: CommentView, task: TaskView, extra: object = {}) {
  return recordEvent(trx, principal, {
    type,
    table: 'comments',
    subjectId: comment.id,
    customerId: task.customer_id,
    taskId: task.id,
    data: { comment, task: { id: task.id, title: task.title, customer_id: task.customer_id, assignee_ids: task.assignee_ids, visibility: task.visibility }, ...extra },
  });
}

/**
 * Shares a comment with the customer or takes it back (API keys and staff): its visibility
 * changes, and `comment.updated` reaches whoever may see it now.
 * @example await updateComment(trx, principal, 'cmt_…', { visibility: 'internal' });
 */
export async function updateComment(trx: Kysely<Database>, principal: Principal, id: string, patch: UpdateCommentInput): Promise<CommentView> {
  const row = await commentsWithAuthor(trx).where('c.id', '=', id).where(visibleTo(principal, 'comments', 'c')).executeTakeFirst();
  if (!row) throw notFound('Comment');
  const before = toCommentView(row);
  if (patch.visibility === before.visibility) return before;
  const updated_at = new Date().toISOString();
  await trx.updateTable('comments').set({ visibility: patch.visibility, updated_at }).where('id', '=', id).execute();
  const comment = { ...before, visibility: patch.visibility, updated_at };
  const task = await getTask(trx, principal, comment.task_id);
  await recordCommentEvent(trx, principal, 'comment.updated', comment, task, { changes: ['visibility'], previous: { visibility: before.visibility } });
  return comment;
}
