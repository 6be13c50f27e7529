/**
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

/** The capabilities a set of `portalType` may name: a partner portal holds the customer ones too. */
export const capabilitiesOf = (portalType: PortalType): readonly Capability[] => (portalType === 'partner' ? CAPABILITIES : CUSTOMER_CAPABILITIES);

const LIMITED: readonly Capability[] = ['tasks.view', 'comments.post', 'documents.view', 'documents.upload', 'messages.view', 'messages.post'];

/** The two sets every tenant has for each portal type. Their capabilities follow the code, so Full access always means every one. */
export type BuiltIn = 'full' | 'limited';
export const BUILT_IN_NAMES: Record<BuiltIn, string> = { full: 'Full access', limited: 'Limited access' };

export function builtInCapabilities(kind: BuiltIn, portalType: PortalType): readonly Capability[] {
  if (kind === 'full') return capabilitiesOf(portalType);
  return portalType === 'partner' ? [...LIMITED, 'partner.library'] : LIMITED;
}

/** `{"finance.view": true, "tasks.create": false}`: grants and removals on top of a set. */
export type CapabilityOverrides = Partial<Record<Capability, boolean>>;

/**
 * The capabilities a contact holds: the most specific set (the person's, else the account's,
 * else the tenant default), then the account's overrides, then the person's.
 * @example effectiveCapabilities(['tasks.view'], [{ 'finance.view': true }, { 'tasks.view': false }]) // → {'finance.view'}
 */
export function effectiveCapabilities(set: readonly Capability[], overrides: readonly CapabilityOverrides[]): ReadonlySet<Capability> {
  const result = new Set<Capability>(set);
  for (const layer of overrides) {
    for (const [name, granted] of Object.entries(layer) as [Capability, boolean][]) {
      if (granted) result.add(name);
      else result.delete(name);
    }
  }
  return result;
}

/** Every capability: what staff, API keys, the system and the portal as a whole hold. */
export const ALL_CAPABILITIES: ReadonlySet<Capability> = new Set(CAPABILITIES);

/** Parses a stored JSON list or map, keeping only known capability names (a renamed one never grants anything). */
export function readCapabilities(json: string): Capability[] {
  const known = new Set<string>(CAPABILITIES);
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((c): c is Capability => typeof c === 'string' && known.has(c)) : [];
  } catch {
    return [];
  }
}

export function readOverrides(json: string): CapabilityOverrides {
  const known = new Set<string>(CAPABILITIES);
  try {
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter(([k, v]) => known.has(k) && typeof v === 'boolean')) as CapabilityOverrides;
  } catch {
    return {};
  }
}
