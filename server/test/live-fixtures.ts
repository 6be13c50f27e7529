import type { PreferencesPatchInput } from '../users/preferences.js';
import { startWorkers, type WorkerOptions } from '../workers.js';
import type { TestApp } from './harness.js';

export { cutAccess } from './harness.js';
import { SseReader } from './sse-client.js';
import { upload } from './uploads.js';

/*
 * What the live, notification and webhook tests need beside the harness: streams, workers with
 * short timings, and a few writes, each through the public API as a client would make it.
 */

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

/**
 * A comment through `POST /v1/tasks/:id/comments`, as `auth` (mentions are the body's `@Name`s).
 * @example await addComment(t, w.staff, task.id, 'Any news, @Ana Silva?');
 */
export async function addComment(t: TestApp, auth: string, taskId: string, body: string, visibility: 'portal' | 'internal' = 'portal'): Promise<string> {
  const r = await t.request('POST', `/v1/tasks/${taskId}/comments`, { auth, body: { body, visibility } });
  if (r.status !== 201) throw new Error(`the comment was refused: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

/**
 * A small text file attached to a task through `POST /v1/documents`, as `auth`.
 * @example await addDocument(t, w.contactA, task.id, 'dpa-signed.pdf');
 */
export async function addDocument(t: TestApp, auth: string, taskId: string, name: string, visibility: 'portal' | 'internal' = 'portal'): Promise<string> {
  const r = await upload(t, auth, { name, bytes: 'test' }, { task_id: taskId, visibility });
  if (r.status !== 201) throw new Error(`the upload was refused: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}


/** `PATCH /v1/me/preferences {notifications: …}` as the person whose token `auth` is. */
export async function setNotificationPreferences(t: TestApp, auth: string, notifications: PreferencesPatchInput['notifications']): Promise<void> {
  const r = await t.request('PATCH', '/v1/me/preferences', { auth, body: { notifications } });
  if (r.status !== 200) throw new Error(`the preferences were refused: ${r.status} ${JSON.stringify(r.body)}`);
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
