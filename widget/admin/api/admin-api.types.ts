/**
 * The resources only staff use (shared/API.md and the OpenAPI document), camelCased as the
 * widget's own types are; `wire.ts` maps them in the same one place. Where a resource has a
 * contract schema (`contract/schemas/`), its type here is derived from it (`Camel<…>`, type-only).
 */
import type { z } from '@hono/zod-openapi';
import type { Camel } from '../../../contract/camel.js';
import type { CapabilityOverrides } from '../../../contract/capabilities.js';
import type { AccessRequestView } from '../../../contract/schemas/access-request.schema.js';
import type { ActivityFilters as ActivityFiltersSchema, ActivityView } from '../../../contract/schemas/activity.schema.js';
import type { AnalyticsPointView, AnalyticsView, EngagementView } from '../../../contract/schemas/analytics.schema.js';
import type { BrandingPatch as BrandingPatchSchema, BrandingView } from '../../../contract/schemas/branding.schema.js';
import type { ImportReport as ImportReportView, ImportRow as ImportRowView } from '../../../contract/schemas/contact-import.schema.js';
import type { CreateCustomerFields, CustomerSummary as CustomerSummaryView, CustomerView } from '../../../contract/schemas/customer.schema.js';
import type { CreatePermissionSetBody, PermissionSetView } from '../../../contract/schemas/permission-set.schema.js';
import type { CreateProjectInput } from '../../../contract/schemas/project.schema.js';
import type { SettingsPatch as SettingsPatchSchema, SettingsView } from '../../../contract/schemas/settings.schema.js';
import type { SsoPatch as SsoPatchSchema, SsoView } from '../../../contract/schemas/sso.schema.js';
import type { AppliedTemplateSchema, CreateTemplateInput, TemplateProjectSchema, TemplateTask as TemplateTaskView, TemplateView } from '../../../contract/schemas/template.schema.js';
import type { CreateContactBody, InvitationView, UserView } from '../../../contract/schemas/user.schema.js';
import type { WebhookDeliveryView, WebhookEndpointView } from '../../../contract/schemas/webhook.schema.js';
import { PORTAL_ACCESS } from '../../../contract/values.js';

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

/** An invitation sent: the person (as `Contact`) and when the emailed link stops working. */
export type Invitation = Omit<Camel<InvitationView>, 'user'> & { user: Contact };

export type ContactInput = Camel<Pick<z.input<typeof CreateContactBody>, 'name' | 'email' | 'external_id'>>;

export type ImportRow = Camel<ImportRowView>;

export type ImportReport = Camel<ImportReportView>;

export type TemplateTask = Camel<TemplateTaskView>;
export type AssignTo = TemplateTask['assignTo'];

export type TemplateProject = Camel<z.infer<typeof TemplateProjectSchema>>;

export type TemplateInput = Camel<CreateTemplateInput>;

export type Template = Camel<TemplateView>;

export type AppliedTemplate = Camel<z.infer<typeof AppliedTemplateSchema>>;

/** The tenant's branding, its preset filled in. */
export type BrandingRecord = Camel<BrandingView>;

/** Only what changes; `null` returns a colour, the radius or the font to the preset's. */
export type BrandingPatch = Camel<z.input<typeof BrandingPatchSchema>>;

/**
 * The tenant's settings: `defaultPermissionSetId` (the set a contact holds when neither its
 * account nor itself names one), the sessions' idle and maximum ages, who must enter an
 * authenticator code (`mfaRequired`), the company sign-in (`sso`, its client secret never
 * answered) and whether the hosted portal takes access requests (`selfRegistration`).
 */
export type TenantSettings = Omit<Camel<SettingsView>, DefaultSets> & { [K in DefaultSets]?: string };
/**
 * The contract answers these null for a tenant without permission sets yet; the access view
 * (cp-admin-access.ts) reads them as `string | undefined` (null and absent both show "the
 * default"), so they are narrowed here until that view takes null.
 */
type DefaultSets = 'defaultPermissionSetId' | 'defaultPartnerPermissionSetId';
export type MfaRequired = TenantSettings['mfaRequired'];
export type SelfRegistration = TenantSettings['selfRegistration'];

export type SsoSettings = Camel<SsoView>;
export type SsoRequiredFor = SsoSettings['requiredFor'];

export type SsoPatch = Camel<z.input<typeof SsoPatchSchema>>;

export type SettingsPatch = Camel<z.input<typeof SettingsPatchSchema>>;

/** Someone who asked for access on the public page. */
export type AccessRequest = Camel<AccessRequestView>;

export type Activity = Camel<ActivityView>;

/** A field an entry's change touched, with its old and new value when both are short. */
export type ActivityChange = NonNullable<Activity['summaryChanges']>[number];

/** `GET /v1/activity`'s filters; `type` is a comma list of types or families (`task.*,comment.created`). */
export type ActivityFilters = { [K in keyof Camel<ActivityFilterWire>]?: Camel<ActivityFilterWire>[K] | undefined };
type ActivityFilterWire = z.input<typeof ActivityFiltersSchema>;

/** A subscription of the vendor's backend: where the service POSTs which events (`['*']`: every one, those added later included). */
export type WebhookEndpoint = Camel<WebhookEndpointView>;

/** The fields of an endpoint the admin sets (the service checks the URL and the event types). */
export type WebhookEndpointInput = Partial<Pick<WebhookEndpoint, 'url' | 'events'>>;

export type WebhookAttempt = WebhookDelivery['attempts'][number];

export type WebhookDeliveryStatus = WebhookDelivery['status'];

/** One event sent to one endpoint, with every attempt so far; its `id` is the `webhook-id` header. */
export type WebhookDelivery = Camel<WebhookDeliveryView>;

/** One day or week of `GET /v1/analytics`. */
export type AnalyticsPoint = Camel<AnalyticsPointView>;

export type AnalyticsSeries = Camel<AnalyticsView>;

export type Trend = Engagement['trend'];

/** `GET /v1/customers/:id/engagement`. */
export type Engagement = Camel<EngagementView>;
