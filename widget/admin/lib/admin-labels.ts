import { msg } from '@lit/localize';
import type { AssignTo, PortalAccess } from '../api/admin-api.types.js';
import type { AdminTab } from './admin-context.js';

/** The admin page's enum values in the user's language (called at render time). */
export const tabLabel = (tab: AdminTab) =>
  ({
    customers: msg('Customers'),
    access: msg('Portal access'),
    work: msg('Work'),
    templates: msg('Templates'),
    branding: msg('Branding'),
    settings: msg('Settings'),
    activity: msg('Activity'),
  })[tab];

export const accessLabel = (access: PortalAccess) => ({ invited: msg('Invited'), active: msg('Active'), deactivated: msg('Deactivated') })[access];

export const assignToLabel = (assignTo: AssignTo) =>
  assignTo === 'csm' ? msg('The CSM who applies it') : assignTo === 'contacts' ? msg("The customer's contacts") : msg('Nobody');

export const visibilityLabel = (visibility: 'portal' | 'internal') => (visibility === 'internal' ? msg('Internal (your team only)') : msg('Portal (the customer too)'));
