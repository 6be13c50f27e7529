import type { Kysely } from 'kysely';
import { isPortalVisible } from '../auth/visibility.js';
import { transact } from '../context.js';
import type { Database } from '../db/database.js';
import { appendEvent } from '../events/event-log.js';
import { newId } from '../lib/ids.js';
import { findTask } from '../tasks/task.repository.js';
import { mergePreferences, readPreferences, type PreferencesPatchInput } from '../users/preferences.js';
import { startWorkers, type WorkerOptions } from '../workers.js';
import type { TestApp } from './harness.js';
import { SseReader } from './sse-client.js';
import { systemPrincipal } from '../auth/principal.js';

/*
 * Writes that belong to routes on other branches (comments, documents, users and customers
 * PATCH), done the way those routes do them: the row and its event in one transaction.
 */

/** Appends the event of a freshly written comment or document, with the visibility the rule gives it. */
async function recordCreated(
  trx: Kysely<Database>,
  table: 'comments' | 'documents',
  row: { id: string; tenant_id: string; customer_id: string | null; task_id: string | null },
  actorId: string | null,
  data: object,
): Promise<void> {
  const portal = row.customer_id !== null && (await isPortalVisible(trx, table, row.id, row.tenant_id, row.customer_id));
  await appendEvent(trx, {
    tenantId: row.tenant_id,
    customerId: row.customer_id,
    visibility: portal ? 'portal' : 'internal',
    type: table === 'comments' ? 'comment.created' : 'document.created',
    subjectId: row.id,
    taskId: row.task_id,
    actorId,
    data,
  });
}

/** Opens `GET /v1/events` on the in-process app. */
export async function openEvents(t: TestApp, token: string, resume?: { header?: string; query?: string }): Promise<{ status: number; stream: SseReader; body: any }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (resume?.header) headers['last-event-id'] = resume.header;
  const res = await t.app.request(`/v1/events${resume?.query ? `?last_event_id=${resume.query}` : ''}`, { headers });
  if (res.status !== 200) return { status: res.status, stream: null as unknown as SseReader, body: await res.json() };
  return { status: 200, stream: new SseReader(res.body!), body: null };
}

/** The workers with timings a test can wait for. */
export function startTestWorkers(t: TestApp, options: WorkerOptions = {}) {
  return startWorkers(t.deps, { pollMs: 50, emailBatchMs: 400, reminderIntervalMs: 3_600_000, webhookRetryDelaysMs: [200, 200, 200], log: () => {}, ...options });
}

/** A comment as the comments feature writes it, with `comment.created`. */
export async function addComment(
  t: TestApp,
  tenantId: string,
  input: { taskId: string; authorId: string | null; body: string; visibility?: 'portal' | 'internal'; mentions?: string[] },
): Promise<string> {
  return transact(t.deps, async (trx) => {
    const task = (await findTask(trx, systemPrincipal(tenantId), input.taskId))!;
    const now = new Date().toISOString();
    const comment = {
      id: newId('cmt'),
      tenant_id: tenantId,
      customer_id: task.customer_id,
      task_id: task.id,
      author_id: input.authorId,
      body: input.body,
      visibility: input.visibility ?? 'portal',
      mentions: JSON.stringify(input.mentions ?? []),
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('comments').values(comment).execute();
    await recordCreated(trx, 'comments', comment, input.authorId, {
      comment: { ...comment, tenant_id: undefined, mentions: input.mentions ?? [] },
      task: { id: task.id, title: task.title, customer_id: task.customer_id, assignee_ids: task.assignee_ids, visibility: task.visibility },
    });
    return comment.id;
  });
}

/** A document as the documents feature records it, with `document.created` (no bytes needed here). */
export async function addDocument(
  t: TestApp,
  tenantId: string,
  input: { customerId: string; taskId?: string | null; uploadedBy: string | null; name: string; visibility?: 'portal' | 'internal' },
): Promise<string> {
  return transact(t.deps, async (trx) => {
    const document = {
      id: newId('doc'),
      tenant_id: tenantId,
      customer_id: input.customerId,
      task_id: input.taskId ?? null,
      name: input.name,
      content_type: 'text/plain',
      size: 4,
      sha256: '0'.repeat(64),
      visibility: input.visibility ?? 'portal',
      uploaded_by: input.uploadedBy,
      created_at: new Date().toISOString(),
      deleted_at: null,
    };
    await trx.insertInto('documents').values(document).execute();
    await recordCreated(trx, 'documents', document, input.uploadedBy, { document: { ...document, tenant_id: undefined } });
    return document.id;
  });
}

/** `PATCH /v1/users/:id {portal_access: "deactivated"}` as the users feature does it. */
export async function deactivate(t: TestApp, tenantId: string, userId: string): Promise<void> {
  await transact(t.deps, async (trx) => {
    await trx.updateTable('users').set({ portal_access: 'deactivated', updated_at: new Date().toISOString() }).where('id', '=', userId).execute();
    const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    await appendEvent(trx, {
      tenantId,
      customerId: user.customer_id,
      visibility: 'internal',
      type: 'user.updated',
      subjectId: userId,
      actorId: null,
      data: { user: { id: user.id, portal_access: user.portal_access }, changes: ['portal_access'], previous: { portal_access: 'active' } },
    });
  });
  t.deps.access.forgetUser(userId);
}

/** `PATCH /v1/customers/:id {portal_enabled: false}` as the customers feature does it. */
export async function disablePortal(t: TestApp, tenantId: string, customerId: string): Promise<void> {
  await transact(t.deps, async (trx) => {
    await trx.updateTable('customers').set({ portal_enabled: 0, updated_at: new Date().toISOString() }).where('id', '=', customerId).execute();
    await appendEvent(trx, {
      tenantId,
      customerId,
      visibility: 'internal',
      type: 'customer.updated',
      subjectId: customerId,
      actorId: null,
      data: { customer: { id: customerId, portal_enabled: false }, changes: ['portal_enabled'], previous: { portal_enabled: true } },
    });
  });
  t.deps.access.forgetAllUsers();
}

/** `PATCH /v1/me/preferences {notifications: …}` for `userId`. */
export async function setNotificationPreferences(t: TestApp, userId: string, notifications: PreferencesPatchInput['notifications']): Promise<void> {
  const user = await t.deps.db.selectFrom('users').select('preferences').where('id', '=', userId).executeTakeFirstOrThrow();
  const next = mergePreferences(readPreferences(user.preferences), { notifications });
  await t.deps.db.updateTable('users').set({ preferences: JSON.stringify(next) }).where('id', '=', userId).execute();
}

/** Waits until `check` passes (it throws until then), or fails with its last error. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
