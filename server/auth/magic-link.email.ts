import type { Deps } from '../context.js';
import type { Tenant } from '../db/database.js';
import { html } from '../hosted/html.js';
import type { LinkPurpose } from './magic-link.repository.js';

/** One link of an email; `label` names the account when a person has several. */
export interface EmailedLink {
  token: string;
  label: string | null;
}

/** "10 minutes", "3 days": how long a link works, as the email says it. */
export function describeDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

/** The display name a tenant's emails come from: its `email_from` setting, else its name. */
export function senderName(tenant: Tenant): string {
  try {
    const settings = JSON.parse(tenant.settings) as { email_from?: unknown };
    if (typeof settings.email_from === 'string' && settings.email_from.trim()) return settings.email_from.trim();
  } catch {
    // a broken settings value falls back to the tenant's name
  }
  return tenant.name;
}

/**
 * Sends a sign-in or invitation email with one link per account of the recipient.
 * @example await sendLinkEmail(deps, tenant, { email, name }, [{ token, label: null }], 'invite', INVITE_LINK_TTL_MS);
 */
export async function sendLinkEmail(
  deps: Deps,
  tenant: Tenant,
  to: { email: string; name: string },
  links: EmailedLink[],
  purpose: LinkPurpose,
  ttlMs: number,
): Promise<void> {
  const base = deps.config.publicUrl;
  const urls = links.map((link) => ({ label: link.label, url: `${base}/auth/magic/${link.token}` }));
  const lasts = describeDuration(ttlMs);
  const portal = `${tenant.name} portal`;
  const subject = purpose === 'invite' ? `You're invited to ${portal}` : `Sign in to ${portal}`;
  const intro =
    purpose === 'invite'
      ? `${tenant.name} has invited you to its customer portal. Sign in with this link:`
      : `Use this link to sign in to the ${portal}:`;
  const several = urls.length > 1 ? 'You have more than one account; choose where to sign in:' : intro;
  const outro =
    purpose === 'invite'
      ? `The link works once and expires in ${lasts}. After that, ask for a new one at ${base}/p/${tenant.slug}.`
      : `It works once and expires in ${lasts}. If you did not ask for it, you can ignore this email.`;

  const text = [`Hello ${to.name},`, '', several, ...urls.map((u) => (u.label ? `${u.label}: ${u.url}` : u.url)), '', outro, ''].join('\n');
  const body = html`<p>Hello ${to.name},</p>
<p>${several}</p>
${urls.map((u) => html`<p>${u.label && html`${u.label}: `}<a href="${u.url}">${u.label ? 'Sign in' : `Sign in to the ${portal}`}</a></p>`)}
<p>${outro}</p>`;
  await deps.mailer.send({ to: to.email, subject, text, html: body.text, fromName: senderName(tenant) });
}
