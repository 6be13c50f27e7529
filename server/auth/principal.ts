import { ALL_CAPABILITIES, type Capability } from './capabilities.js';

export type StaffRole = 'admin' | 'member';

/**
 * Who is calling. Every credential (API key, embed token, session cookie) becomes one of these,
 * and every repository read takes one. A contact carries what the one rule needs about it,
 * resolved once per request: its effective capabilities and the members-only projects it
 * belongs to (`null`: every project, the portal as a whole). The `system` principal is the
 * service's own workers (reminders, playbooks): it sees its tenant and acts as nobody.
 */
export type Principal =
  | { readonly kind: 'api_key'; readonly tenantId: string; readonly keyId: string }
  | { readonly kind: 'system'; readonly tenantId: string }
  | { readonly kind: 'staff'; readonly tenantId: string; readonly userId: string; readonly customerId: string | null; readonly staffRole: StaffRole }
  | {
      readonly kind: 'contact';
      readonly tenantId: string;
      readonly userId: string;
      readonly customerId: string;
      readonly capabilities: ReadonlySet<Capability>;
      readonly memberOf: readonly string[] | null;
    };

export type ContactPrincipal = Extract<Principal, { kind: 'contact' }>;
/** A signed-in person: notifications, preferences and streams belong to users. */
export type UserPrincipal = Extract<Principal, { kind: 'staff' | 'contact' }>;

/** API keys, the system and staff see every customer of their tenant, internal items included. */
export const isTeam = (p: Principal): p is Exclude<Principal, { kind: 'contact' }> => p.kind !== 'contact';

/** The user behind a principal, or null for an API key or the system. */
export const actorId = (p: Principal): string | null => (p.kind === 'staff' || p.kind === 'contact' ? p.userId : null);

/** One string per caller (an API key, a user, a tenant's system): what per-caller caches are keyed by. */
export function callerKey(p: Principal): string {
  if (p.kind === 'api_key') return `k:${p.keyId}`;
  if (p.kind === 'system') return `s:${p.tenantId}`;
  return `u:${p.userId}`;
}

/** Whether `p` holds `capability`: everyone but a contact holds them all. */
export const holds = (p: Principal, capability: Capability): boolean => p.kind !== 'contact' || p.capabilities.has(capability);

/**
 * The service itself, for work no person asked for (due-date reminders, a playbook step
 * started by an API key): it sees its whole tenant and is no one's actor.
 * @example await recordTaskEvent(trx, systemPrincipal(tenantId), 'task.overdue', task);
 */
export const systemPrincipal = (tenantId: string): Principal => ({ kind: 'system', tenantId });

/**
 * The portal of `customerId` as a whole: a contact holding every capability and belonging to
 * every project. Decides an event's `visibility` (whether any contact of that customer may
 * hear of it); each contact's own principal then narrows it.
 */
export const portalViewer = (tenantId: string, customerId: string): Principal => ({
  kind: 'contact',
  tenantId,
  userId: '',
  customerId,
  capabilities: ALL_CAPABILITIES,
  memberOf: null,
});
