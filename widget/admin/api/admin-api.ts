import { ApiClient } from '../../api/api-client.js';
import type { Page, Project } from '../../api/api.types.js';
import { fromWire } from '../../api/wire.js';
import type {
  Activity,
  ActivityFilters,
  AppliedTemplate,
  BrandingPatch,
  BrandingRecord,
  Contact,
  ContactInput,
  CustomerInput,
  CustomerRecord,
  AccessRules,
  AnalyticsSeries,
  Engagement,
  ImportReport,
  Invitation,
  PermissionSet,
  PermissionSetInput,
  PortalAccess,
  ProjectInput,
  AccessRequest,
  SettingsPatch,
  Template,
  TemplateInput,
  TenantSettings,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointInput,
} from './admin-api.types.js';

const id = (value: string) => encodeURIComponent(value);

/**
 * The widget's typed client plus what only staff use: customers, contacts and their access,
 * invitations, contact import, templates, branding, settings and the audit trail. Same token,
 * same renewal on 401, same `Idempotency-Key` on each POST, same `RequestError`.
 * @example const admin = new AdminApiClient({ base: '', token: () => session.token() });
 *          const contacts = await admin.contacts('cus_…');
 */
export class AdminApiClient extends ApiClient {
  /** One page of customers with their summaries (`q`: keywords in the name or external id). */
  customerPage = (query: { q?: string | undefined; cursor?: string | null | undefined; limit?: number }) =>
    this.request<Page<CustomerRecord>>('GET', '/v1/customers', { query: { limit: 50, ...query } });
  createCustomer = (input: CustomerInput) => this.request<CustomerRecord>('POST', '/v1/customers', { body: input });
  updateCustomer = (customerId: string, patch: CustomerInput) => this.request<CustomerRecord>('PATCH', `/v1/customers/${id(customerId)}`, { body: patch });

  /** Engagement over time, for one customer or all of them (`interval`: day or week). */
  analytics = (query: { customerId?: string | undefined; from: string; to: string; interval: 'day' | 'week' }) => this.request<AnalyticsSeries>('GET', '/v1/analytics', { query });
  engagement = (customerId: string) => this.request<Engagement>('GET', `/v1/customers/${id(customerId)}/engagement`);

  contacts = (customerId: string) => this.all<Contact>(`/v1/customers/${id(customerId)}/contacts`);
  createContact = (customerId: string, input: ContactInput) => this.request<Contact>('POST', `/v1/customers/${id(customerId)}/contacts`, { body: input });
  setAccess = (userId: string, portalAccess: PortalAccess) => this.request<Contact>('PATCH', `/v1/users/${id(userId)}`, { body: { portalAccess } });
  /** A person's own permission set and overrides (winning over the account's). */
  setRules = (userId: string, rules: Partial<AccessRules>) => this.request<Contact>('PATCH', `/v1/users/${id(userId)}`, { body: rules });
  /** Everything held about a person, as the ZIP the service streams (admins). */
  exportPerson = (userId: string) => this.send('GET', `/v1/users/${id(userId)}/export`).then((r) => r.blob());
  /** Erases a person's personal data for good; the audit trail keeps their id only (admins). */
  erasePerson = (userId: string) => this.request<void>('DELETE', `/v1/users/${id(userId)}`, { query: { erase: 'true' } });
  /** Moves a contact to another customer: their tokens and sessions from before end. */
  transferContact = (userId: string, customerId: string) => this.request<Contact>('POST', `/v1/users/${id(userId)}/transfer`, { body: { customerId } });
  customer = (customerId: string) => this.request<CustomerRecord>('GET', `/v1/customers/${id(customerId)}`);
  /** Removes a person's lost authenticator (TOTP and recovery codes) and emails them (admins). */
  resetMfa = (userId: string) => this.request<void>('DELETE', `/v1/users/${id(userId)}/mfa`);

  /** Requests for access from the hosted portal's public page, newest first. */
  accessRequests = (status?: AccessRequest['status']) => this.request<{ data: AccessRequest[] }>('GET', '/v1/access-requests', { query: status ? { status } : {} }).then((r) => r.data);
  /** Approves a request into a customer (the contact is created and invited) or rejects it. */
  decideAccessRequest = (requestId: string, decision: { approve: boolean; customerId?: string }) =>
    this.request<AccessRequest>('POST', `/v1/access-requests/${id(requestId)}/decision`, { body: decision });

  permissionSets = () => this.all<PermissionSet>('/v1/permission-sets');
  createPermissionSet = (input: PermissionSetInput) => this.request<PermissionSet>('POST', '/v1/permission-sets', { body: input });
  updatePermissionSet = (setId: string, patch: PermissionSetInput) => this.request<PermissionSet>('PATCH', `/v1/permission-sets/${id(setId)}`, { body: patch });
  deletePermissionSet = (setId: string) => this.request<void>('DELETE', `/v1/permission-sets/${id(setId)}`);

  createProject = (input: ProjectInput) => this.request<Project>('POST', '/v1/projects', { body: input });
  updateProject = (projectId: string, patch: ProjectInput) => this.request<Project>('PATCH', `/v1/projects/${id(projectId)}`, { body: patch });
  setProjectMembers = (projectId: string, userIds: string[]) => this.request<unknown>('PUT', `/v1/projects/${id(projectId)}/members`, { body: { userIds } });
  /** Emails the person their "you're invited" link (again, to resend). */
  invite = (userId: string) => this.request<Invitation>('POST', `/v1/users/${id(userId)}/invite`);
  /** With `dryRun`, the report of what would happen, and nothing written. */
  importContacts = (customerId: string, csv: string, options: { dryRun: boolean; invite?: boolean }) =>
    this.request<ImportReport>('POST', `/v1/customers/${id(customerId)}/contacts/import`, { body: { csv, ...options } });

  templates = () => this.all<Template>('/v1/templates');
  createTemplate = (input: TemplateInput) => this.request<Template>('POST', '/v1/templates', { body: input });
  updateTemplate = (templateId: string, input: Partial<TemplateInput>) => this.request<Template>('PATCH', `/v1/templates/${id(templateId)}`, { body: input });
  deleteTemplate = (templateId: string) => this.request<void>('DELETE', `/v1/templates/${id(templateId)}`);
  applyTemplate = (templateId: string, customerId: string, startDate?: string) =>
    this.request<AppliedTemplate>('POST', `/v1/templates/${id(templateId)}/apply`, { body: { customerId, startDate: startDate || undefined } });

  branding = () => this.request<BrandingRecord>('GET', '/v1/branding');
  updateBranding = (patch: BrandingPatch) => this.request<BrandingRecord>('PATCH', '/v1/branding', { body: patch });
  /** Uploads an image as the tenant's logo file (not yet the logo: `updateBranding` names it). */
  uploadLogo = async (file: File): Promise<{ id: string }> => {
    const form = new FormData();
    form.set('purpose', 'logo');
    form.set('file', file, file.name);
    return fromWire<{ id: string }>(await (await this.send('POST', '/v1/documents', { body: form })).json());
  };
  settings = () => this.request<TenantSettings>('GET', '/v1/settings');
  updateSettings = (patch: SettingsPatch) => this.request<TenantSettings>('PATCH', '/v1/settings', { body: patch });

  activity = (filters: ActivityFilters, cursor?: string | null) =>
    this.request<Page<Activity>>('GET', '/v1/activity', { query: { ...filters, limit: 50, cursor } });
  /** The ids of a customer's people who were ever sent an invitation (`user.invited` in the trail). */
  invitations = (customerId: string) => this.all<Activity>('/v1/activity', { customerId, type: 'user.invited' }).then((rows) => [...new Set(rows.map((r) => r.subjectId))]);
  /** The whole filtered trail as a CSV file. */
  activityCsv = (filters: ActivityFilters) => this.send('GET', '/v1/activity.csv', { query: { ...filters } }).then((r) => r.blob());

  webhookEndpoints = () => this.all<WebhookEndpoint>('/v1/webhook-endpoints');
  /** The new endpoint with its signing secret, which no later answer shows again. */
  createWebhookEndpoint = (input: Required<WebhookEndpointInput>) => this.request<WebhookEndpoint & { secret: string }>('POST', '/v1/webhook-endpoints', { body: input });
  updateWebhookEndpoint = (endpointId: string, patch: WebhookEndpointInput) => this.request<WebhookEndpoint>('PATCH', `/v1/webhook-endpoints/${id(endpointId)}`, { body: patch });
  deleteWebhookEndpoint = (endpointId: string) => this.request<void>('DELETE', `/v1/webhook-endpoints/${id(endpointId)}`);
  webhookDeliveries = (endpointId: string, cursor?: string | null) =>
    this.request<Page<WebhookDelivery>>('GET', `/v1/webhook-endpoints/${id(endpointId)}/deliveries`, { query: { limit: 25, cursor } });
  /** Sends a delivery again now (one more attempt, the same `webhook-id`). */
  retryWebhookDelivery = (endpointId: string, deliveryId: string) =>
    this.request<WebhookDelivery>('POST', `/v1/webhook-endpoints/${id(endpointId)}/deliveries/${id(deliveryId)}/retry`);
  /** The event types an endpoint may subscribe to, as the service's own OpenAPI document lists them. */
  webhookEventTypes = () =>
    this.request<{ components: { schemas: Record<string, { properties?: { events?: { items?: { enum?: string[] } } } }> } }>('GET', '/v1/openapi.json').then((doc) =>
      (doc.components.schemas['CreateWebhookEndpoint']?.properties?.events?.items?.enum ?? []).filter((type) => type !== '*'),
    );
}
