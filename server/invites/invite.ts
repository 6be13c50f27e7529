import type { Kysely } from 'kysely';
import { sendLinkEmail } from '../auth/magic-link.email.js';
import { INVITE_LINK_TTL_MS, issueLink } from '../auth/magic-link.repository.js';
import { actorId, type Principal } from '../auth/principal.js';
import { transact, type Deps } from '../context.js';
import type { Database, Tenant, User } from '../db/database.js';
import { ApiError, notFound } from '../errors.js';
import { appendEvent } from '../events/event-log.js';
import { findTenant } from '../tenants/tenant.repository.js';
import { toUserView, type UserView } from '../users/user.repository.js';

export interface Invitation {
  user: UserView;
  /** When the emailed link stops working. */
  expires_at: string;
}

/** Why a person cannot be invited now, or null when they can. */
async function refusal(db: Kysely<Database>, user: User): Promise<ApiError | null> {
  if (user.portal_access === 'deactivated') {
    return new ApiError(409, 'access_deactivated', "This person's portal access is deactivated; reactivate it before inviting them");
  }
  if (!user.email) return new ApiError(409, 'no_email', 'This person has no email address to send the invitation to');
  if (user.role === 'contact') {
    const customer = await db.selectFrom('customers').select('portal_enabled').where('id', '=', user.customer_id!).executeTakeFirst();
    if (customer?.portal_enabled !== 1) return new ApiError(409, 'portal_disabled', "This customer's portal is disabled");
  }
  return null;
}

/** Stores an invitation link for `user` and records `user.invited`, in the caller's transaction. */
async function issueInvitation(trx: Kysely<Database>, principal: Principal, user: User): Promise<{ token: string; invitation: Invitation }> {
  const { token, expiresAt } = await issueLink(trx, user, 'invite', INVITE_LINK_TTL_MS, null);
  const invitation = { user: toUserView(user), expires_at: expiresAt };
  await appendEvent(trx, {
    tenantId: user.tenant_id,
    customerId: user.customer_id,
    visibility: 'internal',
    type: 'user.invited',
    subjectId: user.id,
    actorId: actorId(principal),
    data: invitation,
  });
  return { token, invitation };
}

const mailInvitation = (deps: Deps, tenant: Tenant, user: User, token: string) =>
  sendLinkEmail(deps, tenant, { email: user.email!, name: user.name }, [{ token, label: null }], 'invite', INVITE_LINK_TTL_MS);

/**
 * Emails `userId` (a contact or a staff user of the caller's tenant) a sign-in link that
 * says "you're invited"; again for a person already invited or active. A deactivated person,
 * one without an email, or a contact whose customer's portal is off is a 409.
 * @example const { expires_at } = await inviteUser(deps, principal, 'usr_…');
 */
export async function inviteUser(deps: Deps, principal: Principal, userId: string): Promise<Invitation> {
  const { token, invitation, user, tenant } = await transact(deps, async (trx) => {
    const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).where('tenant_id', '=', principal.tenantId).executeTakeFirst();
    if (!user) throw notFound('User');
    const refused = await refusal(trx, user);
    if (refused) throw refused;
    const tenant = (await findTenant(trx, principal.tenantId))!;
    return { ...(await issueInvitation(trx, principal, user)), user, tenant };
  });
  try {
    await mailInvitation(deps, tenant, user, token);
  } catch (error) {
    console.error(`[mail] invitation to ${user.id} not sent:`, error instanceof Error ? error.message : error);
    throw new ApiError(502, 'email_not_sent', 'The mail server did not accept the invitation; try again later');
  }
  return invitation;
}

/**
 * Invites people just created (a contact import), one after another in the background: an
 * import answers at once, and a mail server hiccup loses only that person's email (staff can
 * resend it). People who cannot be invited are skipped.
 */
export function inviteInBackground(deps: Deps, principal: Principal, users: User[]): void {
  void (async () => {
    const tenant = await findTenant(deps.db, principal.tenantId);
    if (!tenant) return;
    for (const user of users) {
      try {
        if (await refusal(deps.db, user)) continue;
        const { token } = await transact(deps, (trx) => issueInvitation(trx, principal, user));
        await mailInvitation(deps, tenant, user, token);
      } catch (error) {
        console.error(`[mail] invitation to ${user.id} not sent:`, error instanceof Error ? error.message : error);
      }
    }
  })();
}
