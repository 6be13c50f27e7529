/**
 * The resources only staff use (shared/API.md and the OpenAPI document), camelCased as the
 * widget's own types are; `wire.ts` maps them in the same one place. Where a resource has a
 * contract schema (`contract/schemas/`), its type here is derived from it (`Camel<…>`, type-only).
 */
import type { z } from '@hono/zod-openapi';
import type { ColorName } from '../../../contract/branding-presets.js';
import type { Camel } from '../../../contract/camel.js';
import type { CapabilityOverrides } from '../../../contract/capabilities.js';
import type { CreateCustomerFields, CustomerSummary as CustomerSummaryView, CustomerView } from '../../../contract/schemas/customer.schema.js';
import type { CreatePermissionSetBody, PermissionSetView } from '../../../contract/schemas/permission-set.schema.js';
import type { CreateProjectInput } from '../../../contract/schemas/project.schema.js';
import type { CreateContactBody, UserView } from '../../../contract/schemas/user.schema.js';
import { PORTAL_ACCESS } from '../../../contract/values.js';
import type { Priority, Role, Visibility } from '../../api/api.types.js';

export { PORTAL_ACCESS } from '../../../contract/values.js';
export type PortalAccess = (typeof PORTAL_ACCESS)[number];
/** Grants (`true`) and removals (`false`) on top of a permission set. */
export type { CapabilityOverrides } from '../../../contract/capabilities.js';

/** What the Customers view shows beside each customer: its portal tasks and its contacts' last move. */
export type CustomerSummary = Camel<CustomerSummaryView>;

/** Who may do what, on an account or a person: a set (null: the level above's) and overrides. */
export interface AccessRules {
  permissionSetId: string | null;
  capabilityOverrides: CapabilityOverrides;
}

/** The contract's map of overrides, with capability names for keys. */
type WithRules<T> = Omit<T, 'capabilityOverrides'> & Pick<AccessRules, 'capabilityOverrides'>;

/** A customer as staff see it; `summary` comes with the list (`GET /v1/customers`). */
export type CustomerRecord = WithRules<Camel<CustomerView>> & { summary?: CustomerSummary };

export type CustomerInput = Partial<WithRules<Camel<z.input<typeof CreateCustomerFields>>>>;

/** `builtIn`: Full and Limited access, which every tenant starts with; their capabilities follow the product and cannot be changed. */
export type PermissionSet = Camel<PermissionSetView>;

export type PermissionSetInput = Partial<Camel<z.input<typeof CreatePermissionSetBody>>>;

export type ProjectInput = Partial<Camel<CreateProjectInput>>;

/** A person of a customer, or of the staff. `lastSeenAt`: the last time the person used the portal (at most a minute late). */
export type Contact = WithRules<Camel<UserView>>;

export type ContactInput = Camel<Pick<z.input<typeof CreateContactBody>, 'name' | 'email' | 'external_id'>>;

export interface ImportRow {
  /** Where the row starts in the file (the header is line 1). */
  line: number;
  name: string;
  email: string;
  status: 'created' | 'exists' | 'refused';
  reason?: string;
  userId?: string;
}

export interface ImportReport {
  dryRun: boolean;
  rows: ImportRow[];
  created: number;
  exists: number;
  refused: number;
}

export type AssignTo = 'csm' | 'contacts' | null;

export interface TemplateTask {
  /** Names the task within its template, for `after`. */
  key: string;
  title: string;
  description: string;
  visibility: Visibility;
  priority: Priority;
  dueInDays: number | null;
  assignTo: AssignTo;
  /** Keys of the tasks that must all be done before this one is created. */
  after: string[];
}

export interface TemplateProject {
  name: string;
  description: string;
  visibility: Visibility;
}

export interface TemplateInput {
  name: string;
  project: TemplateProject;
  tasks: TemplateTask[];
}

export interface Template extends TemplateInput {
  id: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AppliedTemplate {
  project: { id: string; name: string; customerId: string };
  tasks: { id: string; title: string }[];
}

/** The tenant's branding, its preset filled in. */
export interface BrandingRecord {
  preset: string;
  colors: Record<ColorName, string>;
  radius: string;
  font: string;
  logoDocumentId: string | null;
  logoUrl: string | null;
}

/** Only what changes; `null` returns a colour, the radius or the font to the preset's. */
export interface BrandingPatch {
  preset?: string;
  colors?: Partial<Record<ColorName, string | null>>;
  radius?: string | null;
  font?: string | null;
  logoDocumentId?: string | null;
}

export type MfaRequired = 'none' | 'staff' | 'all';

export interface TenantSettings {
  allowedOrigins: string[];
  emailFrom: string;
  appUrl: string | null;
  /** The set a contact holds when neither its account nor itself names one. */
  defaultPermissionSetId?: string;
  defaultPartnerPermissionSetId?: string;
  /** Sessions of the hosted and admin pages end after this long unused, and at the latest after so many days. */
  sessionIdleMinutes?: number;
  sessionMaxDays?: number;
  /** Who must enter an authenticator code after the sign-in link. */
  mfaRequired?: MfaRequired;
  /** The company sign-in (OpenID Connect); its client secret is never answered. */
  sso?: SsoSettings;
  /** Whether the hosted portal takes access requests for the team to approve. */
  selfRegistration?: SelfRegistration;
}

export type SsoRequiredFor = 'none' | 'staff' | 'all';
export type SelfRegistration = 'off' | 'approval';

export interface SsoSettings {
  oidc: { issuer: string; clientId: string; clientSecretSet: boolean } | null;
  requiredFor: SsoRequiredFor;
  allowedDomains: string[];
  /** The provider's first successful sign-in: SSO can be required only after it. */
  verifiedAt: string | null;
}

export type SsoPatch = Partial<{
  oidc: { issuer: string; clientId: string; clientSecret?: string } | null;
  requiredFor: SsoRequiredFor;
  allowedDomains: string[];
}>;

/** Someone who asked for access on the public page. */
export interface AccessRequest {
  id: string;
  email: string;
  name: string;
  company: string;
  status: 'pending' | 'approved' | 'rejected';
  customerId: string | null;
  userId: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export type SettingsPatch = Partial<{
  allowedOrigins: string[];
  emailFrom: string | null;
  appUrl: string | null;
  defaultPermissionSetId: string;
  defaultPartnerPermissionSetId: string;
  sessionIdleMinutes: number;
  sessionMaxDays: number;
  mfaRequired: MfaRequired | null;
  sso: SsoPatch;
  selfRegistration: SelfRegistration;
}>;

export interface Activity {
  id: number;
  type: string;
  createdAt: string;
  /** Null for the vendor's backend (an API key) and the system. */
  actor: { id: string; name: string | null; role: Role | null } | null;
  customerId: string | null;
  subjectId: string;
  taskId: string | null;
  /** The service's own line, in English (the CSV export's). */
  summary: string;
  /** The same line in parts, for the page to say in the person's language (absent from a service older than them). */
  summaryKey?: string;
  summaryParams?: Record<string, string | number>;
  summaryChanges?: ActivityChange[];
  /** Where the request came from (absent from a service older than them). */
  ip?: string | null;
  userAgent?: string | null;
}

/** A field an entry's change touched, with its old and new value when both are short. */
export interface ActivityChange {
  field: string;
  from?: string | number | boolean | null;
  to?: string | number | boolean | null;
}

export interface ActivityFilters {
  customerId?: string | undefined;
  /** A comma list of types or families: `task.*,comment.created`. */
  type?: string | undefined;
  actorId?: string | undefined;
  /** `YYYY-MM-DD` or an ISO timestamp, inclusive. */
  since?: string | undefined;
  /** `YYYY-MM-DD` or an ISO timestamp, exclusive. */
  until?: string | undefined;
}

/** A subscription of the vendor's backend: where the service POSTs which events. */
export interface WebhookEndpoint {
  id: string;
  url: string;
  /** Event types, or `['*']` for every one (those added later included). */
  events: string[];
  createdAt: string;
  updatedAt: string;
}

export interface WebhookEndpointInput {
  url?: string;
  events?: string[];
}

export interface WebhookAttempt {
  attempt: number;
  startedAt: string;
  durationMs: number;
  responseStatus: number | null;
  /** Why it failed; null when it got a 2xx. */
  error: string | null;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** One event sent to one endpoint, with every attempt so far; its `id` is the `webhook-id` header. */
export interface WebhookDelivery {
  id: string;
  eventId: number;
  type: string;
  status: WebhookDeliveryStatus;
  attemptCount: number;
  nextAttemptAt: string | null;
  createdAt: string;
  completedAt: string | null;
  attempts: WebhookAttempt[];
}

/** One day or week of `GET /v1/analytics`. */
export interface AnalyticsPoint {
  start: string;
  activeUsers: number;
  sessions: number;
  medianSessionMinutes: number | null;
  viewsByView: Record<string, number>;
  downloads: number;
  messages: number;
  requests: number;
  approvals: number;
}

export interface AnalyticsSeries {
  customerId: string | null;
  from: string;
  to: string;
  interval: 'day' | 'week';
  series: AnalyticsPoint[];
}

export type Trend = 'rising' | 'steady' | 'declining' | 'spike';

/** `GET /v1/customers/:id/engagement`. */
export interface Engagement {
  customerId: string;
  score: number;
  trend: Trend;
  lastActiveAt: string | null;
  signals: { code: string; value: number; of?: number; points?: number }[];
}
