import { asRequestError } from '../../api/request-error.js';
import { errorText } from '../../lib/error-text.js';
import type { Portal } from '../../lib/portal-context.js';

/**
 * What the Messages view does, in its own chunk: the store's `threads` takes the results, as
 * the live stream's messages. A thread opens on its latest page; earlier pages load on demand.
 * @example await loadMessages(portal, 'thr_…');
 */
export function loadMessages(portal: Portal, threadId: string, force = false): Promise<void> {
  return portal.actions.load(
    `messages:${threadId}`,
    async () => {
      const page = await portal.api.messages(threadId);
      portal.store.threads.putPage(threadId, page.data, page.nextCursor, true);
    },
    force,
  );
}

export async function loadEarlier(portal: Portal, threadId: string): Promise<void> {
  const cursor = portal.store.threads.messages.get(threadId)?.earlier;
  if (!cursor) return;
  try {
    const page = await portal.api.messages(threadId, cursor);
    portal.store.threads.putPage(threadId, page.data, page.nextCursor, false);
  } catch (error) {
    portal.store.notify(errorText(asRequestError(error)), 'error');
  }
}

const marking = new Set<string>();

/** Marks the thread read up to its newest message, once per message. */
export async function markRead(portal: Portal, threadId: string, messageId: string): Promise<void> {
  const key = `${threadId} ${messageId}`;
  if (marking.has(key)) return;
  marking.add(key);
  try {
    const thread = await portal.api.markThreadRead(threadId, messageId);
    portal.store.threads.put([thread]);
  } catch {
    // Not worth a notice: the next message tries again.
    marking.delete(key);
  }
}
