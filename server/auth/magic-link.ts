import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { transact, type Deps } from '../context.js';
import type { Database, Tenant, User } from '../db/database.js';
import { hit, tooManyRequests, type Limit } from '../lib/rate-limit.js';
import { openChallenge } from '../mfa/mfa-challenge.js';
import { needsSecondFactor } from '../mfa/mfa.repository.js';
import { createSession, type SignInMethod } from '../sessions/session.repository.js';
import { ssoRequiredFor } from '../sso/sso-settings.js';
import { storedSso } from '../tenants/session-limits.js';
import { findTenant, findTenantBySlug } from '../tenants/tenant.repository.js';
import { recordSignIn } from '../users/user.repository.js';
import { sendLinkEmail } from './magic-link.email.js';
import { consumeLink, findRecipients, inspectLink, issueLink, SIGN_IN_LINK_TTL_MS, type LinkRecipient, type LinkState } from './magic-link.repository.js';

const FIFTEEN_MINUTES = 15 * 60_000;
/** Per email address, across tenants: stops mail bombing one person. */
export const ADDRESS_LIMIT: Limit = { max: 5, windowMs: FIFTEEN_MINUTES };
/** Per client address: stops one machine walking through many addresses. */
export const IP_LIMIT: Limit = { max: 20, windowMs: FIFTEEN_MINUTES };

/** An email address as sign-in forms and imports accept it (the contract's). */
export { EmailAddress } from '../../contract/schemas/common.schema.js';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const LOCAL_RETURN = /^\/(?:admin|p\/[a-z0-9-]{1,48}(?:\?task=tsk_[0-9A-Za-z]{1,40})?)$/;

/** `path` if it is one of our own pages a sign-in may land on, else null (no open redirect). */
export const safeReturnTo = (path: string | null | undefined): string | null => (path && LOCAL_RETURN.test(path) ? path : null);

/** Where a person lands after signing in: contacts on their portal, staff on the admin page. */
export const homeOf = (user: { role: 'staff' | 'contact' }, tenant: { slug: string }) => (user.role === 'staff' ? '/admin' : `/p/${tenant.slug}`);

/** The label of each account in an email to a person with several. */
const accountLabel = (user: LinkRecipient, tenant: Tenant) => (user.role === 'staff' ? `${tenant.name} team` : (user.customer_name ?? tenant.name));

/**
 * Sends a sign-in link to `email` if it belongs to someone with access to the tenant, and
 * does exactly the same visible thing otherwise: the answer, and its time, never tell whether
 * the address is known. Throws a 429 (same for everyone) when the address or client asks too often.
 * @example await requestSignInLink(deps, { tenantSlug: 'acme', email: 'ana@acme.test', ip: clientIp(c) });
 */
export async function requestSignInLink(
  deps: Deps,
  request: { tenantSlug: string; email: string; ip: string; returnTo?: string | null },
): Promise<void> {
  const email = normalizeEmail(request.email);
  const wait =
    (await hit(deps.db, `magic:ip:${request.ip}`, IP_LIMIT)) ??
    (await hit(deps.db, `magic:addr:${createHash('sha256').update(email).digest('hex')}`, ADDRESS_LIMIT));
  if (wait) throw tooManyRequests(wait, 'Too many sign-in requests');
  // Everything that depends on whether the address is known happens after the answer, so a
  // known address does not answer slower than an unknown one.
  sendSignInLink(deps, request.tenantSlug, email, safeReturnTo(request.returnTo)).catch((error) => {
    console.error(`[mail] sign-in link for tenant ${request.tenantSlug} not sent:`, error instanceof Error ? error.message : error);
  });
}

async function sendSignInLink(deps: Deps, tenantSlug: string, email: string, returnTo: string | null): Promise<void> {
  const tenant = await findTenantBySlug(deps.db, tenantSlug);
  if (!tenant) return;
  // People the tenant requires to use its company sign-in get no link (and the answer was the same).
  const sso = storedSso(tenant.settings);
  const recipients = (await findRecipients(deps.db, tenant.id, email)).filter((user) => !ssoRequiredFor(sso, user.role));
  if (recipients.length === 0) return;
  const links = await deps.db.transaction().execute(async (trx) => {
    const issued = [];
    for (const user of recipients) {
      const { token } = await issueLink(trx, user, 'sign_in', SIGN_IN_LINK_TTL_MS, returnTo);
      issued.push({ token, label: recipients.length > 1 ? accountLabel(user, tenant) : null });
    }
    return issued;
  });
  await sendLinkEmail(deps, tenant, { email, name: recipients[0]!.name }, links, 'sign_in', SIGN_IN_LINK_TTL_MS);
}

/** A sign-in whose person proved who they are: a session, or the code page first. */
export type OpenedSignIn =
  | { kind: 'signed_in'; cookie: string; endsAt: number; landing: string }
  /** The person must pass the code page first: no session yet, a challenge cookie. */
  | { kind: 'code_needed'; challenge: string };

export type SignInResult =
  | OpenedSignIn
  | { kind: 'unusable'; reason: Exclude<LinkState, 'valid'>; tenant: Tenant | null }
  | { kind: 'access_ended'; tenant: Tenant }
  /** The tenant requires its company sign-in of this person: a link no longer signs them in. */
  | { kind: 'sso_required'; tenant: Tenant };

/**
 * The one way a proven person (a link's, or the company account's) goes on: the code page when
 * they have an authenticator or must have one, else their session (an invited person becomes active).
 * @example const opened = await openSignIn(trx, user, 'sso', '/admin');
 */
export async function openSignIn(trx: Kysely<Database>, user: User, method: SignInMethod, landing: string): Promise<OpenedSignIn> {
  if (await needsSecondFactor(trx, user.id)) return { kind: 'code_needed', challenge: (await openChallenge(trx, user, method, landing)).cookie };
  await recordSignIn(trx, user);
  const { cookie, endsAt } = await createSession(trx, user, method);
  return { kind: 'signed_in', cookie, endsAt, landing };
}

/** Whether a person's portal access has ended (deactivated, or their customer's portal is off): they sign in nowhere. */
export async function accessEnded(trx: Kysely<Database>, user: Pick<User, 'role' | 'customer_id' | 'portal_access'>): Promise<boolean> {
  const customer = user.customer_id ? await trx.selectFrom('customers').select('portal_enabled').where('id', '=', user.customer_id).executeTakeFirst() : null;
  return user.portal_access === 'deactivated' || (user.role === 'contact' && customer?.portal_enabled !== 1);
}

/** What a link is now (for the confirm page), with its tenant. */
export async function describeLink(db: Kysely<Database>, token: string): Promise<{ state: LinkState; tenant: Tenant | null }> {
  const { state, tenantId } = await inspectLink(db, token);
  return { state, tenant: tenantId ? ((await findTenant(db, tenantId)) ?? null) : null };
}

/**
 * Uses a link: opens a session for its person (an invited person becomes active) and says
 * where to land; a person with an authenticator (or required to have one) gets a code page first. A used, expired or unknown link, a person whose access has ended since,
 * or one the tenant requires to use its company sign-in, signs nobody in.
 */
export async function completeSignIn(deps: Deps, token: string): Promise<SignInResult> {
  const result = await transact(deps, async (trx): Promise<SignInResult> => {
    const link = await consumeLink(trx, token);
    if (!link) {
      const { state, tenant } = await describeLink(trx, token);
      return { kind: 'unusable', reason: state === 'valid' ? 'used' : state, tenant };
    }
    const user = await trx.selectFrom('users').selectAll().where('id', '=', link.userId).executeTakeFirstOrThrow();
    const tenant = (await findTenant(trx, user.tenant_id))!;
    if (await accessEnded(trx, user)) return { kind: 'access_ended', tenant };
    if (ssoRequiredFor(storedSso(tenant.settings), user.role)) return { kind: 'sso_required', tenant };
    return openSignIn(trx, user, 'magic_link', safeReturnTo(link.returnTo) ?? homeOf(user, tenant));
  });
  // An invited person became active: the access cache hears of it from the log.
  if (result.kind === 'signed_in') await deps.invalidator.catchUp();
  return result;
}
