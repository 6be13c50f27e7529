import type { Deps } from '../context.js';
import { loadUserPrincipal } from '../auth/grants.js';
import { brandOf, renderBrandedEmail } from '../email/branded-email.js';
import { randomToken } from '../lib/ids.js';
import { readPreferences } from '../users/preferences.js';
import { wordsFor, type Words } from './notification-words.js';
import { notificationsOf, toNotificationView } from './notification.repository.js';
import type { NotificationView } from './notification.schema.js';

export interface DigestOptions {
  /** Notifications for one person within this window become one message (two minutes). */
  batchMs: number;
  /** A send that has not finished after this long (the process died) is taken over. */
  claimTimeoutMs?: number;
  log?: (line: string) => void;
}

const USERS_PER_PASS = 20;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One pass of the email sender: every person whose oldest unsent notification is older than
 * the batch window gets one message with all of their unsent ones. A message is built from
 * what the person may see now (the visibility rule, asked with their principal), so an item
 * that turned internal meanwhile is dropped, not sent. Answers whether more were waiting.
 * @example await sendDueDigests(deps, { batchMs: 120_000 });
 */
export async function sendDueDigests(deps: Pick<Deps, 'db' | 'mailer' | 'config'>, options: DigestOptions, now = Date.now()): Promise<boolean> {
  const { db } = deps;
  await db
    .updateTable('notifications')
    .set({ email_status: 'pending', email_claim: null, email_claimed_at: null })
    .where('email_status', '=', 'sending')
    .where('email_claimed_at', '<', iso(now - (options.claimTimeoutMs ?? 10 * 60_000)))
    .execute();
  const due = await db
    .selectFrom('notifications')
    .select('user_id')
    .where('email_status', '=', 'pending')
    .groupBy('user_id')
    .having((eb) => eb.fn.min('created_at'), '<=', iso(now - options.batchMs))
    .limit(USERS_PER_PASS)
    .execute();
  for (const { user_id } of due) await sendDigest(deps, user_id, options.log ?? console.error);
  return due.length === USERS_PER_PASS;
}

async function sendDigest(deps: Pick<Deps, 'db' | 'mailer' | 'config'>, userId: string, log: (line: string) => void): Promise<void> {
  const { db } = deps;
  const claim = randomToken(12);
  const claimed = await db
    .updateTable('notifications')
    .set({ email_status: 'sending', email_claim: claim, email_claimed_at: new Date().toISOString() })
    .where('user_id', '=', userId)
    .where('email_status', '=', 'pending')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return; // another instance took them
  const finish = (status: 'sent' | 'skipped' | 'pending', ids?: string[]) => {
    let update = db
      .updateTable('notifications')
      .set(status === 'pending' ? { email_status: 'pending', email_claim: null, email_claimed_at: null } : { email_status: status, emailed_at: status === 'sent' ? new Date().toISOString() : null })
      .where('email_claim', '=', claim)
      .where('email_status', '=', 'sending');
    if (ids) update = update.where('id', 'in', ids);
    return update.execute();
  };

  const user = await db
    .selectFrom('users as u')
    .innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .leftJoin('customers as c', 'c.id', 'u.customer_id')
    .select(['u.id', 'u.tenant_id', 'u.role', 'u.customer_id', 'u.email', 'u.portal_access', 'u.preferences', 'c.portal_enabled'])
    .select(['t.name as tenant_name', 't.slug', 't.branding', 't.settings'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!user?.email || user.portal_access !== 'active' || (user.role === 'contact' && user.portal_enabled === 0)) {
    await finish('skipped');
    return;
  }
  const reader = await loadUserPrincipal(db, user.id);
  if (!reader) {
    await finish('skipped');
    return;
  }
  const rows = await notificationsOf(db, reader).where('n.email_claim', '=', claim).orderBy('n.created_at').orderBy('n.id').execute();
  if (rows.length > 0) {
    const brand = brandOf({ id: user.tenant_id, name: user.tenant_name, slug: user.slug, branding: user.branding, settings: user.settings }, deps.config.publicUrl);
    const items = rows.map(toNotificationView);
    try {
      await deps.mailer.send({ to: user.email, fromName: brand.fromName, ...digest(brand, items, wordsFor(readPreferences(user.preferences).locale)), headers: { 'Auto-Submitted': 'auto-generated' } });
    } catch (error) {
      // A refused address (5xx) will not get better; anything else is retried on a later pass.
      const permanent = Number((error as { responseCode?: number }).responseCode) >= 500;
      await finish(permanent ? 'skipped' : 'pending');
      log(`[email] to ${user.email}: ${error instanceof Error ? error.message : String(error)}`);
      if (!permanent) throw error;
      return;
    }
    await finish('sent', rows.map((r) => r.id));
  }
  await finish('skipped');
}

/** Subject and both parts of one person's message, in their language (the items were written in it). */
function digest(brand: ReturnType<typeof brandOf>, items: NotificationView[], words: Words) {
  const subject = items.length === 1 ? items[0]!.title : words.email.subject(items.length, brand.tenantName);
  const body = renderBrandedEmail(brand, {
    intro: words.email.intro(items.length),
    items: items.map((item) => ({ title: item.title, body: item.body, link: brand.taskLink(item.task_id), linkLabel: item.task_id ? words.email.openTask : words.email.openPortal })),
    footer: words.email.footer(brand.tenantName),
    words,
  });
  return { subject, ...body };
}
