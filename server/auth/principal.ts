/**
 * Who is calling. Every credential (API key, embed token, session cookie) becomes one of these,
 * and every repository read takes one.
 */
export type Principal =
  | { readonly kind: 'api_key'; readonly tenantId: string; readonly keyId: string }
  | { readonly kind: 'staff'; readonly tenantId: string; readonly userId: string; readonly customerId: string | null }
  | { readonly kind: 'contact'; readonly tenantId: string; readonly userId: string; readonly customerId: string };

/** API keys and staff see every customer of their tenant, internal items included. */
export const isTeam = (p: Principal): p is Exclude<Principal, { kind: 'contact' }> => p.kind !== 'contact';

/** The user behind a principal, or null for an API key. */
export const actorId = (p: Principal): string | null => (p.kind === 'api_key' ? null : p.userId);

/**
 * The principal of a contact of `customerId`: used to ask the one visibility rule whether
 * something is visible to that customer's portal (events, notifications, webhooks).
 */
export const portalViewer = (tenantId: string, customerId: string): Principal => ({
  kind: 'contact',
  tenantId,
  userId: '',
  customerId,
});

/**
 * The principal a user acts as when signed in: used to ask the visibility rule on their behalf
 * when they are not the caller (a notification's recipient, an email's reader).
 * @example const recipient = userPrincipal(await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
 */
export function userPrincipal(user: { id: string; tenant_id: string; role: 'staff' | 'contact'; customer_id: string | null }): Exclude<Principal, { kind: 'api_key' }> {
  if (user.role === 'staff') return { kind: 'staff', tenantId: user.tenant_id, userId: user.id, customerId: null };
  // A contact without a customer would see nothing by the rule; never let it fall through to staff.
  if (!user.customer_id) throw new Error(`contact ${user.id} has no customer`);
  return { kind: 'contact', tenantId: user.tenant_id, userId: user.id, customerId: user.customer_id };
}
