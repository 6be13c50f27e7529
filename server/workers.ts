import type { Deps } from './context.js';
import { expireProtections } from './commercial/partners/registration-expiry.js';
import { startConsumer } from './events/consumer.js';
import { startPgListener } from './events/pg-listener.js';
import { startLoop, type Worker } from './lib/worker-loop.js';
import { scheduleDueReminders } from './notifications/due-reminders.js';
import { refreshMilestoneStatuses } from './milestones/milestone.repository.js';
import { notificationFanOut } from './notifications/notification-fanout.js';
import { sendDueDigests } from './notifications/notification-email.js';
import { breachOverdueRequests } from './requests/request-sla.js';
import { runRetention } from './retention/retention.js';
import { expireUploads } from './documents/resumable-upload.js';
import { watchEngagement } from './analytics/engagement.js';
import { compactTaskCounts } from './stats/task-counts.js';
import { webhookFanOut } from './webhooks/webhook-fanout.js';
import { DEFAULT_RETRY_DELAYS_MS, deliverDue } from './webhooks/webhook-sender.js';

/** The background workers' timings; the defaults are the product's, tests shorten them. */
export interface WorkerOptions {
  /** Notifications for one person within this window become one email (2 min). */
  emailBatchMs?: number;
  /** How often the due-date scheduler looks (1 min). */
  reminderIntervalMs?: number;
  /** How often the other workers look without being woken (1 s). */
  pollMs?: number;
  webhookRetryDelaysMs?: readonly number[];
  webhookTimeoutMs?: number;
  /** How often the retention job runs, on one instance among several (10 min). */
  retentionIntervalMs?: number;
  /** How often the engagement trends are computed again (15 min). */
  engagementIntervalMs?: number;
  log?: (line: string) => void;
  /** How often PostgreSQL's task-count deltas are folded (10 s). */
  taskCountsIntervalMs?: number;
  /** How long the fan-outs gather the events of a burst before handling them as one batch (20 ms). */
  coalesceMs?: number;
}

/**
 * Starts everything that works off the event log: the notification and webhook fan-outs
 * (consumers with persisted offsets), the email sender, the webhook sender, the due-date
 * scheduler with the requests' SLA watch, the deal-registration protection expiry, the retention job and, on PostgreSQL, the LISTEN connection that wakes them (and the live streams)
 * when another instance writes.
 * @example const workers = startWorkers(deps); …; await workers.stop();
 */
export function startWorkers(deps: Deps, options: WorkerOptions = {}): Worker {
  const pollMs = options.pollMs ?? 1000;
  const retentionMs = options.retentionIntervalMs ?? 600_000;
  const log = options.log ?? ((line: string) => console.error(line));
  // Under load, one fan-out transaction per write would cost as much as the write itself.
  const coalesceMs = options.coalesceMs ?? 20;
  const workers: Worker[] = [];
  if (deps.storage.dialect === 'postgres' && deps.storage.pgConfig) workers.push(startPgListener(deps.storage.pgConfig, deps.bus, log));
  // PostgreSQL's task counts are deltas appended by the writes: folded every few seconds.
  if (deps.storage.dialect === 'postgres') {
    workers.push(startLoop('task counts', () => compactTaskCounts(deps.db).then(() => false), { intervalMs: options.taskCountsIntervalMs ?? 10_000, log }));
  }
  workers.push(
    startConsumer(deps, notificationFanOut, { intervalMs: pollMs, log, coalesceMs }),
    startConsumer(deps, webhookFanOut, { intervalMs: pollMs, log, coalesceMs }),
    startLoop('email', () => sendDueDigests(deps, { batchMs: options.emailBatchMs ?? 120_000, log }), { intervalMs: pollMs, log }),
    startLoop(
      'webhooks',
      () =>
        deliverDue(deps, {
          retryDelaysMs: options.webhookRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
          timeoutMs: options.webhookTimeoutMs ?? 10_000,
          allowPrivate: deps.config.webhookAllowPrivate,
        }),
      { intervalMs: pollMs, bus: deps.bus, log, coalesceMs },
    ),
    // Other instances' access changes (this one's writers catch up themselves).
    startLoop('access', () => deps.invalidator.catchUp().then(() => false), { intervalMs: pollMs, bus: deps.bus, log }),
    // Milestones change status and requests miss their SLA with time as due dates pass: the same pass keeps them current.
    startLoop('due reminders', async () => {
      const more = await scheduleDueReminders(deps.db);
      await refreshMilestoneStatuses(deps.db);
      const breached = await breachOverdueRequests(deps.db);
      return more || breached;
    }, { intervalMs: options.reminderIntervalMs ?? 60_000, log }),
    // Deal registrations whose protection ended before an outcome: expired, once, on whichever instance passes first.
    startLoop('registration protection', () => expireProtections(deps.db), { intervalMs: options.reminderIntervalMs ?? 60_000, log }),
    startLoop('engagement', () => watchEngagement(deps.db).then(() => false), { intervalMs: options.engagementIntervalMs ?? 900_000, log }),
    // Resumable uploads left unfinished past their expiry go, with every byte they stored.
    startLoop('uploads', () => expireUploads(deps).then((n) => n >= 100), { intervalMs: options.reminderIntervalMs ?? 60_000, log }),
    startLoop('retention', () => runRetention(deps.db, deps.config.retention, { everyMs: retentionMs }).then(() => false), { intervalMs: retentionMs, log }),
  );
  return {
    async stop() {
      await Promise.all(workers.map((worker) => worker.stop()));
    },
  };
}
