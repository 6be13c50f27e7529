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
