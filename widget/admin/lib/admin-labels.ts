import { msg } from '@lit/localize';
import type { Capability, PortalType, ProjectAccess } from '../../api/api.types.js';
import type { AssignTo, Engagement, PermissionSet, PortalAccess, Trend } from '../api/admin-api.types.js';
import type { AdminTab } from './admin-context.js';

/** The admin page's enum values in the user's language (called at render time). */
export const tabLabel = (tab: AdminTab) =>
  ({
    customers: msg('Customers'),
    access: msg('Portal access'),
    work: msg('Work'),
    projects: msg('Projects'),
    templates: msg('Templates'),
    requests: msg('Requests'),
    library: msg('Library'),
    goals: msg('Goals'),
    pages: msg('Pages'),
    faq: msg('FAQ'),
    branding: msg('Branding'),
    settings: msg('Settings'),
    permissions: msg('Permissions'),
    webhooks: msg('Webhooks'),
    partners: msg('Partners'),
    activity: msg('Activity'),
    engagement: msg('Engagement'),
  })[tab];

/** What each capability lets a contact do, in the user's language; its keys are the service's list, in order. */
export const capabilityLabels = (): Record<Capability, string> => ({
  'tasks.view': msg('See tasks'),
  'tasks.create': msg('Create tasks'),
  'tasks.edit': msg('Change tasks (status, title, dates, assignees)'),
  'comments.post': msg('Post comments'),
  'documents.view': msg('See documents'),
  'documents.upload': msg('Upload documents'),
  'messages.view': msg('Read messages'),
  'messages.post': msg('Send messages'),
  'requests.submit': msg('Submit requests'),
  'approvals.respond': msg('Respond to approvals'),
  'finance.view': msg('See invoices and quotes'),
  'deals.view': msg('See deals'),
  'deals.view_value': msg('See deal values'),
  'team.view': msg('See the account team'),
  'meetings.schedule': msg('Schedule meetings'),
  'reports.export': msg('Export reports'),
  'goals.view': msg('See shared goals'),
  'goals.update': msg('Record progress on the goals they own'),
  'partner.register_deals': msg('Register deals (partners)'),
  'partner.view_pipeline': msg('See the pipeline (partners)'),
  'partner.cosell': msg('Co-sell (partners)'),
  'partner.view_commissions': msg('See commissions (partners)'),
  'partner.view_tier': msg('See their tier (partners)'),
  'partner.library': msg('Use the partner library'),
});

/** The capabilities a set of `portalType` may hold: a partner portal holds the customer ones too. */
export const capabilitiesOf = (portalType: PortalType): Capability[] =>
  (Object.keys(capabilityLabels()) as Capability[]).filter((c) => portalType === 'partner' || !c.startsWith('partner.'));

export const portalTypeLabel = (type: PortalType) => ({ customer: msg('Customer portal'), partner: msg('Partner portal') })[type];

export const projectAccessLabel = (access: ProjectAccess) => ({ all_contacts: msg('Every contact of the customer'), members: msg('Its members only') })[access];

// `Active` alone would share its translation with a project's status ("En cours"): a person's access says more.
export const accessLabel = (access: PortalAccess) => ({ invited: msg('Invited'), active: msg('Active', { id: 'access-active' }), deactivated: msg('Deactivated') })[access];

/** A permission set's name as the person reads it: the built-in ones in their language, the tenant's own as written. */
export const setName = (set: Pick<PermissionSet, 'name' | 'builtIn'>) =>
  set.builtIn ? ({ 'Full access': msg('Full access'), 'Limited access': msg('Limited access') } as Record<string, string>)[set.name] ?? set.name : set.name;

export const assignToLabel = (assignTo: AssignTo) =>
  assignTo === 'csm' ? msg('The CSM who applies it') : assignTo === 'contacts' ? msg("The customer's contacts") : msg('Nobody');

export const visibilityLabel = (visibility: 'portal' | 'internal') => (visibility === 'internal' ? msg('Internal (your team only)') : msg('Portal (the customer too)'));

/**
 * A customer none of whose contacts has done anything yet: a score of 0 and a trend would
 * read as a measure, when there is nothing measured (it reads *No activity yet* instead).
 */
export const neverActive = (engagement: Pick<Engagement, 'score' | 'lastActiveAt'>) => engagement.score === 0 && !engagement.lastActiveAt;

/** An engagement trend in the user's language. */
export const trendLabel = (trend: Trend) =>
  ({
    rising: msg('Rising'),
    steady: msg('Steady'),
    declining: msg('Declining'),
    spike: msg('Spike'),
  })[trend];
