import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { ApiError, forbidden } from '../errors.js';
import type { Capability } from './capabilities.js';
import type { Principal, UserPrincipal } from './principal.js';

/** Who a rule names: the principal kinds, with staff split by role. */
export type Who = 'api_key' | 'system' | 'admin' | 'member' | 'contact';

/**
 * What one action allows: who may call it, the capability a contact must hold for it, which
 * body fields a contact may send (and with which values), which body fields only admins and
 * API keys may send, and which query parameters are the team's alone. Checked before the
 * handler runs (and before validation, so a refusal does not depend on what was sent).
 */
export interface Rule {
  readonly who: readonly Who[];
  /** A list: any one of them will do (the first is named in the refusal). */
  readonly capability?: Capability | readonly Capability[];
  /** Absent: a contact may send any field the schema takes. */
  readonly contactFields?: readonly string[];
  readonly contactValues?: Readonly<Record<string, readonly unknown[]>>;
  readonly adminFields?: readonly string[];
  readonly teamQuery?: readonly string[];
}

const TEAM: readonly Who[] = ['api_key', 'system', 'admin', 'member'];
const ADMINS: readonly Who[] = ['api_key', 'system', 'admin'];
const EVERYONE: readonly Who[] = [...TEAM, 'contact'];
const PEOPLE: readonly Who[] = ['admin', 'member', 'contact'];
const PORTAL_ONLY = { visibility: ['portal'] } as const;

/**
 * Who may do what, in one place: every route names its action here with `allow(action)`.
 * Repositories keep only the visibility rule (`visibleTo`).
 */
export const POLICY = {
  'embed_tokens.create': { who: ['api_key'] },
  'me.read': { who: PEOPLE },
  'notifications.use': { who: PEOPLE },
  'events.stream': { who: PEOPLE },

  'tasks.list': { who: EVERYONE, capability: 'tasks.view', teamQuery: ['visibility'] },
  'tasks.read': { who: EVERYONE },
  'tasks.create': { who: EVERYONE, capability: 'tasks.create', contactValues: PORTAL_ONLY },
  'tasks.update': { who: EVERYONE, capability: 'tasks.edit', contactFields: ['status', 'title', 'description', 'start_date', 'due_date', 'assignee_ids'] },
  'tasks.delete': { who: TEAM },
  'comments.list': { who: EVERYONE, capability: 'tasks.view' },
  'comments.create': { who: EVERYONE, capability: 'comments.post', contactValues: PORTAL_ONLY },
  'comments.update': { who: TEAM },
  'documents.list': { who: EVERYONE, capability: 'documents.view' },
  'documents.read': { who: EVERYONE },
  // Multipart: the route checks its fields with `checkFields` once they are read.
  'documents.upload': { who: EVERYONE, capability: 'documents.upload', contactFields: ['task_id', 'customer_id', 'visibility', 'folder_id', 'deal_id'], contactValues: PORTAL_ONLY },
  // A new version of a document the caller may see (the repository checks that it may).
  'documents.version': { who: EVERYONE, capability: 'documents.upload' },
  'documents.update': { who: TEAM },
  // A contact may delete what it uploaded (the repository checks the uploader).
  'documents.delete': { who: EVERYONE, capability: 'documents.upload' },
  'library.list': { who: EVERYONE, capability: 'documents.view', teamQuery: ['portal_type'] },
  'folders.list': { who: EVERYONE, capability: 'documents.view' },
  'folders.read': { who: EVERYONE },
  'folders.create': { who: EVERYONE, capability: 'documents.upload', contactFields: ['customer_id', 'parent_id', 'name', 'visibility'], contactValues: PORTAL_ONLY },
  // A contact changes only the folders it created (the repository checks the creator).
  'folders.update': { who: EVERYONE, capability: 'documents.upload', contactFields: ['name', 'parent_id'] },
  'folders.delete': { who: EVERYONE, capability: 'documents.upload' },
  'milestones.list': { who: EVERYONE, capability: 'tasks.view' },
  'milestones.read': { who: EVERYONE },
  'milestones.write': { who: TEAM },
  'goals.list': { who: EVERYONE, capability: 'goals.view', teamQuery: ['visibility'] },
  'goals.read': { who: EVERYONE },
  'goals.write': { who: TEAM },
  // A contact records progress on the goals it owns (the repository checks the owner).
  'goals.record': { who: EVERYONE, capability: 'goals.update' },
  // Published content: every contact it is published to reads it; the team writes it.
  'pages.list': { who: EVERYONE, teamQuery: ['customer_id', 'portal_type'] },
  'pages.read': { who: EVERYONE },
  'pages.write': { who: TEAM },
  'faq.list': { who: EVERYONE, teamQuery: ['portal_type', 'visibility'] },
  'faq.read': { who: EVERYONE },
  'faq.write': { who: TEAM },
  'faq.feedback': { who: PEOPLE },
  'faq.stats': { who: TEAM },
  'projects.list': { who: EVERYONE, teamQuery: ['visibility'] },
  'projects.read': { who: EVERYONE },
  'projects.write': { who: TEAM },
  'projects.members': { who: TEAM },
  'people.list': { who: EVERYONE },
  'threads.list': { who: EVERYONE, capability: 'messages.view' },
  'threads.read': { who: EVERYONE },
  // A contact opens threads of its own customer, about its projects, or the one thread of a deal it may work on.
  'threads.create': { who: EVERYONE, capability: 'messages.post', contactFields: ['customer_id', 'project_id', 'deal_id', 'subject', 'visibility'], contactValues: PORTAL_ONLY },
  'threads.mark_read': { who: PEOPLE, capability: 'messages.view' },
  'messages.list': { who: EVERYONE, capability: 'messages.view' },
  'messages.create': { who: EVERYONE, capability: 'messages.post', contactValues: PORTAL_ONLY },
  'approvals.list': { who: EVERYONE },
  'approvals.read': { who: EVERYONE },
  'approvals.create': { who: TEAM },
  'approvals.decide': { who: PEOPLE, capability: 'approvals.respond' },
  'approvals.cancel': { who: TEAM },
  // Other people's addresses and browsers: the team's alone.
  'approvals.record': { who: TEAM },
  'request_types.read': { who: EVERYONE, capability: 'requests.submit' },
  'request_types.write': { who: ADMINS },
  'requests.list': { who: EVERYONE, capability: 'requests.submit' },
  'requests.read': { who: EVERYONE },
  'requests.create': { who: EVERYONE, capability: 'requests.submit', contactFields: ['type_id', 'values', 'project_id', 'customer_id'] },
  // A contact may withdraw its customer's request; the team works it.
  'requests.update': { who: EVERYONE, capability: 'requests.submit', contactValues: { status: ['canceled'] } },
  'requests.meeting': { who: TEAM },
  'stats.read': { who: EVERYONE },
  // A person's own views; an API key opens none.
  'analytics.views': { who: PEOPLE },
  'analytics.read': { who: TEAM },

  'customers.read': { who: TEAM },
  'customers.create': { who: TEAM, adminFields: ['permission_set_id', 'capability_overrides', 'ip_allowlist', 'portal_type'] },
  'customers.update': { who: TEAM, adminFields: ['permission_set_id', 'capability_overrides', 'ip_allowlist', 'portal_type'] },
  'contacts.manage': { who: TEAM },
  'users.update': { who: TEAM, adminFields: ['staff_role', 'permission_set_id', 'capability_overrides'] },
  'users.export': { who: ADMINS },
  'users.erase': { who: ADMINS },
  // A lost authenticator: an admin (or the vendor's backend) removes it so the person can sign in and set up a new one.
  'users.mfa_reset': { who: ADMINS },
  'access_requests.read': { who: TEAM },
  'access_requests.decide': { who: TEAM },
  'me.export': { who: PEOPLE },
  'templates.use': { who: TEAM },
  'activity.read': { who: TEAM },
  'settings.read': { who: TEAM },
  'settings.update': { who: ADMINS },
  'branding.read': { who: TEAM },
  'branding.update': { who: ADMINS },
  'permission_sets.read': { who: TEAM },
  'permission_sets.write': { who: ADMINS },
  'webhooks.manage': { who: ADMINS },

  'deals.list': { who: EVERYONE, capability: 'deals.view' },
  'deals.read': { who: EVERYONE },
  'deals.write': { who: TEAM },
  'financial_documents.list': { who: EVERYONE, capability: 'finance.view' },
  'financial_documents.read': { who: EVERYONE },
  'financial_documents.write': { who: TEAM },
  // The sign-off is the customer's own: a contact of the quote's customer who may respond.
  'financial_documents.respond': { who: ['contact'], capability: 'approvals.respond' },
  'registrations.list': { who: EVERYONE, capability: ['partner.view_pipeline', 'partner.register_deals'] },
  'registrations.read': { who: EVERYONE },
  'registrations.create': { who: EVERYONE, capability: 'partner.register_deals' },
  'registrations.decide': { who: TEAM },
  // The co-selling workspace of an approved registration: the partner's contacts who co-sell, and the team.
  'registrations.workspace': { who: EVERYONE, capability: 'partner.cosell' },
  // The partner's; the channel team may file one it heard of by phone.
  'registrations.appeal': { who: EVERYONE, capability: 'partner.register_deals' },
  'referrals.list': { who: EVERYONE, capability: ['partner.view_pipeline', 'partner.register_deals'] },
  'referrals.create': { who: EVERYONE, capability: 'partner.register_deals' },
  'referrals.update': { who: TEAM },
  'tiers.read': { who: TEAM },
  'tiers.write': { who: ADMINS },
  'partner.summary': { who: ['contact'], capability: 'partner.view_tier' },
  'commissions.list': { who: EVERYONE, capability: 'partner.view_commissions' },
  'commissions.export': { who: EVERYONE, capability: 'reports.export' },
  'commissions.update': { who: TEAM },
  'partner_stats.read': { who: TEAM },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;

const whoOf = (p: Principal): Who => (p.kind === 'staff' ? p.staffRole : p.kind);

const KIND_NAMES: Record<Who, string> = { api_key: 'an API key', system: 'the system', admin: 'a staff admin', member: 'a staff member', contact: 'a contact' };

/**
 * Whether `principal` may take `action` at all (who and capability): a 403 otherwise.
 * Members of the staff asking for an admin's action hear `admin_required`; a contact lacking
 * the capability hears `capability_required` with it in `details`.
 * @example authorize(principal, 'tasks.create');
 */
export function authorize(principal: Principal, action: Action): void {
  const rule: Rule = POLICY[action];
  const who = whoOf(principal);
  if (!rule.who.includes(who)) {
    if (who === 'member' && rule.who.includes('admin')) throw forbidden('Only an admin of the team may do this', 'admin_required');
    throw forbidden(`This endpoint is not available to ${KIND_NAMES[who]}`);
  }
  if (principal.kind === 'contact' && rule.capability) {
    const anyOf: readonly Capability[] = typeof rule.capability === 'string' ? [rule.capability] : rule.capability;
    if (!anyOf.some((c) => principal.capabilities.has(c))) {
      throw new ApiError(403, 'capability_required', `You need the ${anyOf[0]} capability for this`, { capability: anyOf[0] });
    }
  }
}

/**
 * The fields a caller sent that the rule keeps from it: a contact's fields beyond
 * `contactFields` or with values beyond `contactValues`, a member's admin fields.
 */
export function checkFields(principal: Principal, action: Action, body: Record<string, unknown>): void {
  const rule: Rule = POLICY[action];
  const fields = Object.keys(body);
  if (principal.kind === 'contact') {
    const refused = fields.filter(
      (f) => (rule.contactFields && !rule.contactFields.includes(f)) || (rule.contactValues?.[f] && !rule.contactValues[f]!.includes(body[f])),
    );
    if (refused.length > 0) throw new ApiError(403, 'forbidden_field', `A contact may not set ${refused.join(', ')}`, { fields: refused });
  }
  if (principal.kind === 'staff' && principal.staffRole === 'member' && rule.adminFields) {
    const refused = fields.filter((f) => rule.adminFields!.includes(f));
    if (refused.length > 0) throw new ApiError(403, 'admin_required', `Only an admin of the team may change ${refused.join(', ')}`, { fields: refused });
  }
}

async function jsonObject(c: Context<AppEnv>): Promise<Record<string, unknown> | null> {
  if (!/^application\/json/i.test(c.req.header('content-type') ?? '')) return null;
  try {
    // Hono keeps the parsed body: the validator after this reads the same one.
    const body = (await c.req.json()) as unknown;
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  } catch {
    return null; // the validator answers 400 for it
  }
}

/**
 * The route middleware of `action`: declared with the route (`createRoute({ middleware: [allow('tasks.create')] })`)
 * and checked before validation and the handler.
 * @example createRoute({ method: 'post', path: '/v1/tasks', middleware: [allow('tasks.create')] as const, … })
 */
export function allow(action: Action): MiddlewareHandler<AppEnv> {
  const rule: Rule = POLICY[action];
  const checksBody = Boolean(rule.contactFields || rule.contactValues || rule.adminFields);
  return async (c, next) => {
    const principal = c.var.principal;
    authorize(principal, action);
    if (rule.teamQuery && principal.kind === 'contact') {
      const refused = rule.teamQuery.filter((q) => c.req.query(q) !== undefined);
      if (refused.length > 0) throw new ApiError(403, 'forbidden_field', `A contact may not filter by ${refused.join(', ')}`, { fields: refused });
    }
    if (checksBody && principal.kind !== 'api_key') {
      const body = await jsonObject(c);
      if (body) checkFields(principal, action, body);
    }
    await next();
  };
}

/**
 * The caller as a signed-in person, on routes whose rule admits only people (`me.read`,
 * `notifications.use`, `events.stream`): the policy has already refused everyone else.
 * @example const me = await getMe(db, publicUrl, personOf(c.var.principal));
 */
export function personOf(principal: Principal): UserPrincipal {
  if (principal.kind !== 'staff' && principal.kind !== 'contact') throw forbidden('This endpoint is for embed tokens only');
  return principal;
}
