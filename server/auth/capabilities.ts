import { CAPABILITIES, CUSTOMER_CAPABILITIES, type Capability, type CapabilityOverrides, type PortalType } from '../../contract/capabilities.js';

/** The names are the contract's (`contract/capabilities.ts`); what they mean is decided here. */
export { CAPABILITIES, CUSTOMER_CAPABILITIES, PARTNER_CAPABILITIES, PORTAL_TYPES, type Capability, type CapabilityOverrides, type PortalType } from '../../contract/capabilities.js';

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
