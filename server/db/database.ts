import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The tables, as Kysely sees them. Both dialects store the same shapes: text ids,
 * ISO 8601 text timestamps, integer 0/1 booleans and JSON as text, so that no
 * code outside `db/` knows which database it talks to.
 */
export interface Database {
  tenants: TenantTable;
  api_keys: ApiKeyTable;
  signing_keys: SigningKeyTable;
  customers: CustomerTable;
  users: UserTable;
  projects: ProjectTable;
  tasks: TaskTable;
  milestones: MilestoneTable;
  goals: GoalTable;
  goal_owners: GoalOwnerTable;
  goal_updates: GoalUpdateTable;
  pages: PageTable;
  faq_entries: FaqEntryTable;
  faq_feedback: FaqFeedbackTable;
  task_assignees: TaskAssigneeTable;
  task_counts: TaskCountTable;
  comments: CommentTable;
  documents: DocumentTable;
  notifications: NotificationTable;
  events: EventTable;
  idempotency_keys: IdempotencyKeyTable;
  magic_links: MagicLinkTable;
  sessions: SessionTable;
  rate_limits: RateLimitTable;
  mfa_totp: MfaTotpTable;
  mfa_recovery_codes: MfaRecoveryCodeTable;
  mfa_challenges: MfaChallengeTable;
  sso_flows: SsoFlowTable;
  access_requests: AccessRequestTable;
  templates: TemplateTable;
  playbook_steps: PlaybookStepTable;
  consumer_offsets: ConsumerOffsetTable;
  task_reminders: TaskReminderTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  permission_sets: PermissionSetTable;
  project_members: ProjectMemberTable;
  customer_team: CustomerTeamTable;
  job_runs: JobRunTable;
  blobs: BlobTable;
  document_versions: DocumentVersionTable;
  uploads: UploadTable;
  upload_parts: UploadPartTable;
  folders: FolderTable;
  threads: ThreadTable;
  messages: MessageTable;
  thread_reads: ThreadReadTable;
  approvals: ApprovalTable;
  approval_steps: ApprovalStepTable;
  deals: DealTable;
  deal_updates: DealUpdateTable;
  deal_visits: DealVisitTable;
  financial_documents: FinancialDocumentTable;
  financial_signoffs: FinancialSignoffTable;
  partner_tiers: PartnerTierTable;
  deal_registrations: DealRegistrationTable;
  referrals: ReferralTable;
  commissions: CommissionTable;
  analytics_views: AnalyticsViewTable;
  analytics_daily: AnalyticsDailyTable;
  analytics_visits: AnalyticsVisitTable;
  customer_engagement: CustomerEngagementTable;
  request_types: RequestTypeTable;
  requests: RequestTable;
}

export interface TenantTable {
  id: string;
  name: string;
  slug: string;
  /** JSON: `{preset, colors, logo_document_id}`. */
  branding: string;
  /** JSON: `{allowed_origins, email_from, …}`. */
  settings: string;
  /** Tokens issued before this moment are refused (`tokens revoke`). */
  tokens_revoked_before: string | null;
  /** The permission set of contacts whose account and person name none (customer portals). */
  default_permission_set_id: Generated<string | null>;
  /** The same for partner portals. */
  default_partner_permission_set_id: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

export interface ApiKeyTable {
  id: string;
  tenant_id: string;
  name: string;
  /** sha256 of the key: the key itself is shown once and never stored. */
  hash: string;
  /** The first characters, so a person can tell keys apart. */
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}

export interface SigningKeyTable {
  kid: string;
  alg: string;
  public_jwk: string;
  private_jwk: string;
  created_at: string;
  /** Set when a newer key takes over signing; the key still verifies for one token lifetime. */
  retired_at: string | null;
}

export interface CustomerTable {
  id: string;
  tenant_id: string;
  external_id: string | null;
  name: string;
  portal_enabled: number;
  /** When the portal was last switched off: contacts' tokens issued before it stay refused. */
  portal_disabled_at: string | null;
  portal_type: Generated<'customer' | 'partner'>;
  /** The account's set; null means the tenant default of its portal type. */
  permission_set_id: Generated<string | null>;
  /** JSON: `{capability: boolean}` on top of the set. */
  capability_overrides: Generated<string>;
  /** The staff user who owns the account. */
  owner_id: Generated<string | null>;
  /** JSON array of CIDRs; empty means any address. */
  ip_allowlist: Generated<string>;
  created_at: string;
  updated_at: string;
}

export type Role = 'staff' | 'contact';
export type PortalAccess = 'invited' | 'active' | 'deactivated';
export type StaffRole = 'admin' | 'member';

export interface UserTable {
  id: string;
  tenant_id: string;
  customer_id: string | null;
  external_id: string | null;
  email: string | null;
  name: string;
  role: Role;
  /** Staff only: `admin` or `member`; null for contacts. */
  staff_role: Generated<StaffRole | null>;
  /** Contacts only: the person's set, over the account's. */
  permission_set_id: Generated<string | null>;
  /** JSON: `{capability: boolean}`, applied last. */
  capability_overrides: Generated<string>;
  portal_access: PortalAccess;
  /** When access was last deactivated: tokens issued before it stay refused. */
  access_revoked_at: string | null;
  /** JSON: `{theme, locale, date_format, notifications}`. */
  preferences: string;
  last_seen_at: string | null;
  created_at: string;
  updated_at: string;
}

export type Visibility = 'portal' | 'internal';
export type ProjectStatus = 'active' | 'on_hold' | 'completed' | 'archived';
export type TaskStatus = 'todo' | 'in_progress' | 'blocked' | 'done';
export type Priority = 'low' | 'medium' | 'high' | 'urgent';

export interface ProjectTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  name: string;
  description: string;
  status: ProjectStatus;
  visibility: Visibility;
  /** `members`: only the project's member contacts see it. */
  access: Generated<ProjectAccess>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type ProjectAccess = 'all_contacts' | 'members';

export interface ProjectMemberTable {
  project_id: string;
  user_id: string;
  tenant_id: string;
}

export interface CustomerTeamTable {
  customer_id: string;
  user_id: string;
  tenant_id: string;
}

export interface PermissionSetTable {
  id: string;
  tenant_id: string;
  name: string;
  portal_type: 'customer' | 'partner';
  /** JSON list of capabilities; '[]' for built-in sets, whose capabilities the code defines. */
  capabilities: string;
  built_in: 'full' | 'limited' | null;
  created_at: string;
  updated_at: string;
}
export type PermissionSet = Selectable<PermissionSetTable>;

export interface TaskTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  project_id: string | null;
  title: string;
  description: string;
  status: TaskStatus;
  priority: Priority;
  visibility: Visibility;
  due_date: string | null;
  /** When work on it starts (the timeline's bar begins here, else at its creation). */
  start_date: Generated<string | null>;
  milestone_id: Generated<string | null>;
  /** Work of one deal (a registration's co-selling workspace); seen only by who may see the deal. */
  deal_id: Generated<string | null>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  deleted_at: string | null;
  version: number;
}

export type MilestoneStatus = 'upcoming' | 'at_risk' | 'reached' | 'missed';

export interface MilestoneTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  project_id: string;
  name: string;
  description: string;
  due_date: string;
  visibility: Visibility;
  /** The status the reminders worker last recorded (reads compute it afresh). */
  status: MilestoneStatus;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export type GoalStatus = 'on_track' | 'at_risk' | 'off_track' | 'achieved';

/** A customer's objective; the metric's three columns are all set or all null. */
export interface GoalTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  title: string;
  description: string;
  metric_unit: string | null;
  metric_start: number | null;
  metric_target: number | null;
  /** The value of the latest update (null before the first). */
  current_value: number | null;
  due_date: string | null;
  status: GoalStatus;
  visibility: Visibility;
  last_update_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface GoalOwnerTable {
  goal_id: string;
  user_id: string;
  tenant_id: string;
}

/** One progress update: a value (goals with a metric) and a note. */
export interface GoalUpdateTable {
  id: string;
  tenant_id: string;
  goal_id: string;
  value: number | null;
  note: string;
  created_by: string | null;
  created_at: string;
}

/** A page of content: for one customer, or (`customer_id` null) every customer of `portal_type`. */
export interface PageTable {
  id: string;
  tenant_id: string;
  customer_id: string | null;
  portal_type: 'customer' | 'partner';
  title: string;
  /** Markdown; images by document id, videos from the allow-list (checked at write time). */
  body: string;
  visibility: Visibility;
  pinned: number;
  welcome: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}
export type PageRow = Selectable<PageTable>;

/** An FAQ entry, published to every customer of `portal_type`; the counts are the team's. */
export interface FaqEntryTable {
  id: string;
  tenant_id: string;
  portal_type: 'customer' | 'partner';
  category: string;
  question: string;
  answer: string;
  visibility: Visibility;
  views: number;
  helpful: number;
  unhelpful: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}
export type FaqEntryRow = Selectable<FaqEntryTable>;

/** One "Was this helpful?" answer, with its optional comment. */
export interface FaqFeedbackTable {
  id: string;
  tenant_id: string;
  faq_id: string;
  user_id: string | null;
  helpful: number;
  comment: string | null;
  created_at: string;
}

export interface TaskAssigneeTable {
  task_id: string;
  user_id: string;
  tenant_id: string;
}

/**
 * A tenant's tasks (not deleted) of one status and due date (`''` for none), kept by triggers
 * (migration `2026-12-02T1610-task-counts`); on PostgreSQL several rows of one key are deltas to add up.
 */
export interface TaskCountTable {
  tenant_id: string;
  status: TaskStatus;
  due_date: string;
  n: number;
}

export interface CommentTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  task_id: string;
  author_id: string | null;
  body: string;
  visibility: Visibility;
  /** JSON array of the mentioned user ids. */
  mentions: string;
  created_at: string;
  updated_at: string;
}

export interface DocumentTable {
  id: string;
  tenant_id: string;
  /** Null for the tenant's own files (its logo). */
  customer_id: string | null;
  task_id: string | null;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  visibility: Visibility;
  uploaded_by: string | null;
  created_at: string;
  deleted_at: string | null;
  /** The current version's number; `sha256`, `size` and `content_type` are that version's. */
  version: Generated<number>;
  folder_id: string | null;
  /** A library document (with `customer_id` null): its category, and the portal type it is published to. */
  library_category: string | null;
  portal_type: 'customer' | 'partner' | null;
  download_count: Generated<number>;
  /** A file of one deal (a registration's co-selling workspace); seen only by who may see the deal. */
  deal_id: Generated<string | null>;
}

/** Stored bytes by hash, with the number of document versions holding them. */
export interface BlobTable {
  sha256: string;
  size: number;
  refs: number;
  created_at: string;
}

/** A resumable (tus) upload under way, or finished and kept until it expires. */
export interface UploadTable {
  id: string;
  tenant_id: string;
  created_by: string;
  name: string;
  declared_type: string;
  document_id: string | null;
  fields: string;
  metadata: string;
  size: number | string;
  offset: number | string;
  completed_at: string | null;
  result_id: string | null;
  created_at: string;
  expires_at: string;
}

/** One stored run of an upload's bytes, from `start`. */
export interface UploadPartTable {
  upload_id: string;
  key: string;
  start: number | string;
  size: number | string | null;
}

export interface DocumentVersionTable {
  document_id: string;
  number: number;
  tenant_id: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface FolderTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  parent_id: string | null;
  /** `/fld_root/…/fld_self/`. */
  path: string;
  name: string;
  visibility: Visibility;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface NotificationTable {
  id: string;
  tenant_id: string;
  user_id: string;
  kind: string;
  task_id: string | null;
  event_id: number | null;
  actor_id: string | null;
  /** JSON: what the notification shows (task title, comment excerpt, …). */
  data: string;
  read_at: string | null;
  created_at: string;
  /** 1 when it shows in the app; 0 when the person only wanted it by email. */
  in_app: number;
  /** Null when not sent by email; else `pending`, `sending`, `sent` or `skipped`. */
  email_status: 'pending' | 'sending' | 'sent' | 'skipped' | null;
  /** The worker run that is sending it, so a crashed send can be taken over. */
  email_claim: string | null;
  email_claimed_at: string | null;
  emailed_at: string | null;
  /** The thread of a message notification: it shows while the person may see the thread. */
  thread_id: string | null;
}

export interface ThreadTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  project_id: string | null;
  /** A deal of the customer: its one thread (the rep's direct line, a registration's workspace notes). */
  deal_id: string | null;
  /** 1 for the customer's general thread, made with the customer. */
  general: number;
  subject: string;
  visibility: Visibility;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  last_message_at: string | null;
}

export interface MessageTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  thread_id: string;
  author_id: string | null;
  body: string;
  visibility: Visibility;
  /** JSON array of the mentioned user ids. */
  mentions: string;
  /** JSON array of the attached document ids. */
  document_ids: string;
  created_at: string;
  updated_at: string;
}

export interface ThreadReadTable {
  thread_id: string;
  user_id: string;
  tenant_id: string;
  message_at: string;
  message_id: string;
  read_at: string;
}

export type ApprovalMode = 'all' | 'any' | 'sequence';
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'changes_requested' | 'canceled';
export type ApprovalDecision = 'approved' | 'rejected' | 'changes_requested';

export interface ApprovalTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  subject_type: 'task' | 'document';
  subject_id: string;
  task_id: string | null;
  document_version: number | null;
  document_sha256: string | null;
  mode: ApprovalMode;
  status: ApprovalStatus;
  /** Always `portal`: who sees an approval is who sees its subject. */
  visibility: Visibility;
  due_date: string | null;
  message: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface ApprovalStepTable {
  approval_id: string;
  position: number;
  approver_id: string;
  tenant_id: string;
  decision: ApprovalDecision | null;
  comment: string | null;
  decided_at: string | null;
  ip: string | null;
  user_agent: string | null;
  document_version: number | null;
  document_sha256: string | null;
}

export type ApprovalRow = Selectable<ApprovalTable>;
export type ApprovalStepRow = Selectable<ApprovalStepTable>;
export type ThreadRow = Selectable<ThreadTable>;

export interface RequestTypeTable {
  id: string;
  tenant_id: string;
  name: string;
  description: string;
  /** JSON: `[{key, label, type, required, options?}]`. */
  fields: string;
  sla_hours: number;
  /** `owner`, `none` or a staff user's id. */
  assign_to: string;
  task_visibility: Visibility;
  position: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export type RequestStatus = 'open' | 'in_progress' | 'resolved' | 'canceled';

export interface RequestTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  project_id: string | null;
  type_id: string;
  /** JSON: the submitted values by field key. */
  values: string;
  status: RequestStatus;
  /** Always `portal`: a request is its customer's; its task may be internal. */
  visibility: Visibility;
  task_id: string | null;
  submitted_by: string | null;
  created_at: string;
  updated_at: string;
  due_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  sla_breached: number;
  breached_at: string | null;
  /** JSON `{starts_at, ends_at, location}` once a meeting slot is confirmed. */
  meeting: string | null;
}

export type RequestTypeRow = Selectable<RequestTypeTable>;
export type RequestRow = Selectable<RequestTable>;
export type MessageRow = Selectable<MessageTable>;

export interface EventTable {
  id: Generated<number>;
  tenant_id: string;
  /** The customer the change belongs to; null for tenant-wide changes. */
  customer_id: string | null;
  /** `portal` when a contact of `customer_id` may see the subject, else `internal`. */
  visibility: Visibility;
  type: string;
  subject_id: string;
  task_id: string | null;
  actor_id: string | null;
  /** JSON: the subject as the API shows it. */
  data: string;
  created_at: string;
  /** The client address of the request that wrote it (null for workers and older rows). */
  ip: string | null;
  /** Its `User-Agent`, cut to 512 characters. */
  user_agent: string | null;
}

export interface IdempotencyKeyTable {
  /** The caller: tenant and principal, so two callers never share a key. */
  scope: string;
  key: string;
  request_hash: string | null;
  state: 'running' | 'done';
  response_status: number | null;
  response_type: string | null;
  response_body: string | null;
  created_at: string;
}

export type Tenant = Selectable<TenantTable>;
export type Customer = Selectable<CustomerTable>;
export type User = Selectable<UserTable>;
export type Project = Selectable<ProjectTable>;
export type Task = Selectable<TaskTable>;
export type Milestone = Selectable<MilestoneTable>;
export type Goal = Selectable<GoalTable>;
export type Comment = Selectable<CommentTable>;
export type DocumentRow = Selectable<DocumentTable>;
export type DocumentVersionRow = Selectable<DocumentVersionTable>;
export type FolderRow = Selectable<FolderTable>;
export type UploadRow = Selectable<UploadTable>;
export type EventRow = Selectable<EventTable>;
export type NewEvent = Insertable<EventTable>;
export type TaskUpdate = Updateable<TaskTable>;

export interface MagicLinkTable {
  /** sha256 of the token in the emailed link: the token itself is never stored. */
  token_hash: string;
  tenant_id: string;
  user_id: string;
  purpose: 'sign_in' | 'invite';
  /** A local path to land on instead of the user's home page (`/p/<slug>?task=…`). */
  return_to: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SessionTable {
  /** sha256 of the `cp_session` cookie value. */
  id_hash: string;
  tenant_id: string;
  user_id: string;
  created_at: string;
  last_used_at: string;
  /** Idle expiry, never past the tenant's maximum age: moves forward as the session is used. */
  expires_at: string;
  /** The public id (`ses_…`) a person lists and ends their sessions by. */
  id: string;
  /** Where and with what the session was opened. */
  ip: string | null;
  user_agent: string | null;
}

/** A person's authenticator: pending until a code confirms it. */
export interface MfaTotpTable {
  user_id: string;
  tenant_id: string;
  /** Base32 secret (the authenticator app has it too). */
  secret: string;
  created_at: string;
  confirmed_at: string | null;
  /** The last 30-second step a code was accepted for: a code is accepted once. */
  last_counter: number | string;
}

export interface MfaRecoveryCodeTable {
  /** sha256 of the code as shown (normalised: lowercase, no dashes). */
  code_hash: string;
  user_id: string;
  created_at: string;
  used_at: string | null;
}

/** A sign-in waiting for its code: the `cp_mfa` cookie's hash. */
export interface MfaChallengeTable {
  id_hash: string;
  tenant_id: string;
  user_id: string;
  /** How the person proved their email: `magic_link` or `sso`. */
  method: string;
  /** Where the sign-in lands once the code is in. */
  landing: string;
  created_at: string;
  expires_at: string;
}

/** An OIDC sign-in under way: `state`'s hash, bound to the browser that started it. */
export interface SsoFlowTable {
  state_hash: string;
  tenant_id: string;
  /** sha256 of the `cp_sso` cookie of the browser that started the flow. */
  browser_hash: string;
  code_verifier: string;
  nonce: string;
  landing: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type AccessRequestStatus = 'pending' | 'approved' | 'rejected';

/** Someone who asked for access on the public page, until staff decide. */
export interface AccessRequestTable {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  company: string;
  status: AccessRequestStatus;
  customer_id: string | null;
  user_id: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface RateLimitTable {
  bucket: string;
  window_start: string;
  count: number;
}

export interface TemplateTable {
  id: string;
  tenant_id: string;
  name: string;
  /** JSON: `{project, tasks}` as the API shows them. */
  definition: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PlaybookStepTable {
  project_id: string;
  key: string;
  tenant_id: string;
  customer_id: string;
  /** The template it came from, for reference only (the template may be gone). */
  template_id: string | null;
  position: number;
  /** JSON: the template task as it was when applied. */
  definition: string;
  state: 'pending' | 'created';
  task_id: string | null;
  /** The staff user who applied the template; null for an API key. */
  applied_by: string | null;
  created_at: string;
  task_created_at: string | null;
}

/** How far a consumer of the event log has got: it resumes after `event_id`. */
/** When a periodic job (the retention job) last ran, on any instance. */
export interface JobRunTable {
  name: string;
  last_run_at: string;
}

export interface ConsumerOffsetTable {
  name: string;
  event_id: number;
  updated_at: string;
}

/** A due-date reminder sent for one due date of one task: never twice. */
export interface TaskReminderTable {
  task_id: string;
  due_date: string;
  stage: 'soon' | 'overdue';
  created_at: string;
}

export interface WebhookEndpointTable {
  id: string;
  tenant_id: string;
  url: string;
  /** JSON array of event types, or `["*"]`. */
  events: string;
  /** `whsec_…`: the HMAC key is the base64 after the prefix. */
  secret: string;
  created_at: string;
  updated_at: string;
}

/** One event for one endpoint; `id` is the `webhook-id` every attempt carries. */
export interface WebhookDeliveryTable {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  event_id: number;
  type: string;
  /** The exact body that is signed and sent. */
  payload: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempt_count: number;
  next_attempt_at: string | null;
  claim: string | null;
  claimed_until: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface WebhookAttemptTable {
  delivery_id: string;
  attempt: number;
  started_at: string;
  duration_ms: number;
  response_status: number | null;
  error: string | null;
}

export type Notification = Selectable<NotificationTable>;
export type WebhookEndpoint = Selectable<WebhookEndpointTable>;
export type WebhookDelivery = Selectable<WebhookDeliveryTable>;

/*
 * Commercial (issue 12). Money columns are integer minor units (bigint on PostgreSQL, which
 * the driver hands over as a string: repositories read them through `Number`).
 */
export interface DealTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  external_id: string | null;
  name: string;
  stage: string;
  /** JSON list of the stage names, in order. */
  stages: string;
  status: 'open' | 'won' | 'lost';
  expected_close_date: string | null;
  value: number | null;
  currency: string;
  value_shared: number;
  owner_id: string | null;
  next_steps: string;
  /** The prospect's domain: what a referral is attributed by. */
  domain: string | null;
  visibility: Visibility;
  created_at: string;
  updated_at: string;
}

/** One entry of a deal's timeline: a stage, date or next-step change, or a note. */
export interface DealUpdateTable {
  id: string;
  tenant_id: string;
  deal_id: string;
  kind: 'stage' | 'expected_close_date' | 'next_steps' | 'status' | 'note';
  previous: string | null;
  current: string | null;
  body: string | null;
  visibility: Visibility;
  created_by: string | null;
  created_at: string;
}

export interface DealVisitTable {
  deal_id: string;
  user_id: string;
  visited_at: string;
}

export interface FinancialDocumentTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  external_id: string | null;
  kind: 'invoice' | 'quote' | 'order' | 'contract' | 'credit_note';
  number: string;
  issue_date: string;
  due_date: string | null;
  currency: string;
  total: number;
  amount_due: number;
  /** JSON list of `{description, quantity, unit_amount}`. */
  lines: string;
  status: 'draft' | 'sent' | 'accepted' | 'declined' | 'paid' | 'partially_paid' | 'overdue' | 'void';
  document_id: string | null;
  visibility: Visibility;
  created_at: string;
  updated_at: string;
}

export interface FinancialSignoffTable {
  financial_document_id: string;
  tenant_id: string;
  decision: 'accepted' | 'declined';
  reason: string | null;
  user_id: string;
  ip: string;
  user_agent: string;
  total: number;
  currency: string;
  sha256: string | null;
  decided_at: string;
}

export interface PartnerTierTable {
  id: string;
  tenant_id: string;
  name: string;
  min_won_value: number;
  currency: string;
  /** The commission rate in basis points (1250 = 12.5 %). */
  rate_bp: number;
  created_at: string;
  updated_at: string;
}

export type RegistrationStatus = 'submitted' | 'approved' | 'rejected' | 'appealed' | 'expired' | 'won' | 'lost';

export interface DealRegistrationTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  company: string;
  contact_name: string;
  email: string;
  domain: string;
  estimated_value: number;
  currency: string;
  description: string;
  expected_close_date: string | null;
  status: RegistrationStatus;
  protection_ends_at: string | null;
  decision_reason: string | null;
  decided_at: string | null;
  appeal_reason: string | null;
  appealed_at: string | null;
  outcome_value: number | null;
  outcome_at: string | null;
  deal_id: string | null;
  submitted_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReferralTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  company: string;
  contact_name: string;
  email: string;
  domain: string;
  note: string;
  status: 'submitted' | 'in_pipeline' | 'won' | 'lost';
  deal_id: string | null;
  submitted_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CommissionTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  registration_id: string;
  tier_id: string | null;
  deal_value: number;
  rate_bp: number;
  amount: number;
  currency: string;
  status: 'pending' | 'earned' | 'paid';
  paid_at: string | null;
  created_at: string;
  updated_at: string;
}

export type Deal = Selectable<DealTable>;
export type FinancialDocument = Selectable<FinancialDocumentTable>;
export type DealRegistration = Selectable<DealRegistrationTable>;
export type Referral = Selectable<ReferralTable>;
export type Commission = Selectable<CommissionTable>;
export type PartnerTier = Selectable<PartnerTierTable>;
/** One view beacon, kept for the retention setting's days (`RETENTION_ANALYTICS_VIEW_DAYS`). */
export interface AnalyticsViewTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  user_id: string;
  view: string;
  subject_id: string | null;
  created_at: string;
}

/** How many times one person of a customer opened one view on one UTC day; kept for good. */
export interface AnalyticsDailyTable {
  tenant_id: string;
  customer_id: string;
  user_id: string;
  day: string;
  view: string;
  count: number;
}

/** One sitting: views of one person no more than 30 minutes apart. */
export interface AnalyticsVisitTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  user_id: string;
  started_at: string;
  last_at: string;
}

/** The trend a customer was last seen in, so that a change is announced once. */
export interface CustomerEngagementTable {
  customer_id: string;
  tenant_id: string;
  trend: 'rising' | 'steady' | 'declining' | 'spike';
  score: number;
  checked_at: string;
}
