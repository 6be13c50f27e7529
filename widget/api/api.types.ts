/**
 * The resources of shared/API.md as the widget sees them: camelCase here, snake_case on the
 * wire; `wire.ts` maps between the two in one place. The shapes are the contract's schemas
 * (`contract/schemas/`), renamed by the type system as `wire.ts` renames them at run time
 * (`Camel<…>`): a field the service adds appears here, and one it drops fails to compile where
 * it is read. Every import of a schema is type-only, so zod never reaches the bundle.
 */
import type { z } from '@hono/zod-openapi';
import type { Camel, Optional } from '../../contract/camel.js';
import type { Capability, PortalType } from '../../contract/capabilities.js';
import type { Role as RoleSchema, Visibility as VisibilitySchema } from '../../contract/schemas/common.schema.js';
import type { CommentView } from '../../contract/schemas/comment.schema.js';
import type { ApprovalView } from '../../contract/schemas/approval.schema.js';
import type { CustomerView } from '../../contract/schemas/customer.schema.js';
import type { CreateMilestoneInput, MilestoneView } from '../../contract/schemas/milestone.schema.js';
import type { ProjectAccess as ProjectAccessSchema, ProjectView } from '../../contract/schemas/project.schema.js';
import type { CreateTaskInput, TaskView } from '../../contract/schemas/task.schema.js';
import type { MessageView, ThreadView } from '../../contract/schemas/thread.schema.js';
import type { StaffRole as StaffRoleSchema } from '../../contract/schemas/user.schema.js';
import { PRIORITIES, PROJECT_STATUSES, TASK_STATUSES } from '../../contract/values.js';

/** What a contact may hold (shared/API.md, "Who may do what"): the contract's own list. */
export type { Capability, PortalType } from '../../contract/capabilities.js';
export { PORTAL_TYPES } from '../../contract/capabilities.js';
export { PRIORITIES, PROJECT_STATUSES, TASK_STATUSES } from '../../contract/values.js';

export type TaskStatus = (typeof TASK_STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Visibility = z.infer<typeof VisibilitySchema>;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type Role = z.infer<typeof RoleSchema>;
/** Admins alone change branding, settings, permission sets and webhooks; members do the work. */
export type StaffRole = z.infer<typeof StaffRoleSchema>;
/** Whether a project is for every contact of its customer or for its members only. */
export type ProjectAccess = z.infer<typeof ProjectAccessSchema>;

export type Theme = 'light' | 'dark' | 'auto';
export type { DateFormat } from '../../contract/dates.js';
import type { DateFormat } from '../../contract/dates.js';

export const NOTIFICATION_KINDS = ['assigned', 'comment', 'due', 'mention', 'customerActivity', 'message', 'approval', 'goal', 'request'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** `startDate`, `milestoneId` and `dealId` may be absent: a task kept from a service older than them. */
export type Task = Camel<Optional<TaskView, 'start_date' | 'milestone_id' | 'deal_id'>>;

/** `access` may be absent: a project from a service older than project membership (every contact). */
export type Project = Camel<Optional<ProjectView, 'access'>>;

/** A project's milestone; its status is computed by the service from its tasks and its date. */
export type Milestone = Camel<MilestoneView>;
export type MilestoneStatus = Milestone['status'];

export type MilestoneInput = Partial<Camel<CreateMilestoneInput>>;

/**
 * A comment. One written here shows at once, before the service has it (`pending` in the store),
 * without what only the service fills in: its customer, its author's card, its mentions, `updatedAt`.
 */
export type Comment = Camel<Optional<CommentView, 'customer_id' | 'author' | 'mentions' | 'updated_at'>>;

/** A request for named people to approve a task or a document version. */
export type Approval = Camel<ApprovalView>;
export type ApprovalStatus = Approval['status'];
export type ApprovalDecision = NonNullable<Approval['steps'][number]['decision']>;
export type ApprovalMode = Approval['mode'];

/** A conversation of a customer: its general thread, or about a project or deal. */
export type Thread = Camel<ThreadView>;

export type ReadReceipt = Message['readBy'][number];

/** A message; one written here shows at once, before the service has it (`pending`), without `updatedAt`. */
export type Message = Camel<Optional<MessageView, 'updated_at'>> & {
  pending?: boolean;
};

export interface PortalDocument {
  id: string;
  customerId: string | null;
  taskId: string | null;
  /** The folder it is filed in (null at the top level). */
  folderId?: string | null;
  /** The deal it is a file of (a registration's co-selling workspace). */
  dealId?: string | null;
  name: string;
  contentType: string;
  size: number;
  visibility: Visibility;
  uploadedBy: string | null;
  uploader?: { id: string; name: string } | null;
  /** A library document (tenant-wide): its category and audience; null for a customer's own. */
  libraryCategory?: string | null;
  portalType?: PortalType | null;
  /** A library document's downloads (staff only). */
  downloads?: number;
  /** The current version's number. */
  version?: number;
  createdAt: string;
}

/** Someone the caller may assign or mention. */
export interface Person {
  id: string;
  name: string;
  role: Role;
  customerId: string | null;
}

/** A customer as the widget shows it (the staff switcher): the contract's, its access rules aside. */
export type Customer = Camel<Pick<CustomerView, 'id' | 'name' | 'external_id' | 'portal_enabled'>> & Partial<Camel<Pick<CustomerView, 'portal_type'>>>;

export interface Preferences {
  theme: Theme;
  locale: string;
  dateFormat: DateFormat;
  notifications: Record<NotificationKind, { inApp: boolean; email: boolean }>;
}

export interface PreferencesPatch {
  theme?: Theme;
  locale?: string;
  dateFormat?: DateFormat;
  notifications?: Partial<Record<NotificationKind, { inApp?: boolean; email?: boolean }>>;
}

export interface Branding {
  preset?: string;
  colors?: Record<string, string>;
  radius?: string;
  font?: string;
  logoDocumentId?: string | null;
  /** Public and absolute: shown in the widget's header. */
  logoUrl?: string | null;
}

/** A browser session of the person (`GET /v1/me/sessions`). */
export interface BrowserSession {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  /** The one this page's token came from. */
  current: boolean;
}

/** The person's two-step sign-in (`GET /v1/me/mfa`). */
export interface MfaStatus {
  totp: 'off' | 'pending' | 'on';
  /** The tenant requires it of this person. */
  required: boolean;
  recoveryCodesLeft: number;
}

/** A started authenticator set-up: the key to type or paste into the app. */
export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
}

export interface Me {
  user: { id: string; name: string; role: Role; staffRole?: StaffRole; customerId: string | null; preferences?: Preferences };
  customer: { id: string; name: string; portalType?: PortalType } | null;
  /** The effective capabilities (staff: every one); absent from a service older than them. */
  capabilities?: Capability[];
  tenant: { id?: string; name: string; slug?: string; branding?: Branding };
}

export interface PortalNotification {
  id: string;
  kind: string;
  taskId: string | null;
  /** A message's thread (absent from a service older than messages). */
  threadId?: string | null;
  /** Who did it; null for the vendor's backend or the scheduler. */
  actor: { id: string; name: string } | null;
  /** The service's own wording (English), used when the widget cannot say it better. */
  title: string;
  body: string;
  readAt: string | null;
  createdAt: string;
}

/** One row of the event log, as `GET /v1/events` sends it. */
export interface PortalEvent {
  id: number;
  type: string;
  customerId: string | null;
  subjectId: string;
  taskId: string | null;
  actorId: string | null;
  createdAt: string;
  data: Record<string, any>;
}

/** `{data, next_cursor}` of every list (`page()` in the contract). */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** What the widget may send to create or change a task: any field of `POST /v1/tasks`. */
export type TaskInput = Partial<Camel<CreateTaskInput>>;
