/**
 * The names of the contract's capabilities and portal types, as plain data: the service checks
 * and stores them, the widget offers what they allow. Imports nothing.
 *
 * What a contact may do, by name. Staff, API keys and the system hold every capability; a
 * contact holds those its permission sets and overrides give it (see `effectiveCapabilities`).
 */
export const CUSTOMER_CAPABILITIES = [
  'tasks.view',
  'tasks.create',
  'tasks.edit',
  'comments.post',
  'documents.view',
  'documents.upload',
  'messages.view',
  'messages.post',
  'requests.submit',
  'approvals.respond',
  'finance.view',
  'deals.view',
  'deals.view_value',
  'team.view',
  'meetings.schedule',
  'reports.export',
  'goals.view',
  'goals.update',
] as const;

export const PARTNER_CAPABILITIES = [
  'partner.register_deals',
  'partner.view_pipeline',
  'partner.cosell',
  'partner.view_commissions',
  'partner.view_tier',
  'partner.library',
] as const;

export const CAPABILITIES = [...CUSTOMER_CAPABILITIES, ...PARTNER_CAPABILITIES] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const PORTAL_TYPES = ['customer', 'partner'] as const;
export type PortalType = (typeof PORTAL_TYPES)[number];

/** `{"finance.view": true, "tasks.create": false}`: grants and removals on top of a set. */
export type CapabilityOverrides = Partial<Record<Capability, boolean>>;
