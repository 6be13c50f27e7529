/**
 * The resources of shared/API.md as the widget sees them: camelCase here, snake_case on the
 * wire; `wire.ts` maps between the two in one place.
 */
import type { Capability } from '../../server/auth/capabilities.js';
/** What a contact may hold (shared/API.md, "Who may do what"): the service's own list, by type only. */
export type { Capability } from '../../server/auth/capabilities.js';

export type TaskStatus = 'todo' | 'in_progress' | 'blocked' | 'done';
export type Priority = 'low' | 'medium' | 'high' | 'urgent';
export type Visibility = 'portal' | 'internal';
export type ProjectStatus = 'active' | 'on_hold' | 'completed' | 'archived';
export type Role = 'staff' | 'contact';
/** Admins alone change branding, settings, permission sets and webhooks; members do the work. */
export type StaffRole = 'admin' | 'member';
/** Whether a project is for every contact of its customer or for its members only. */
export type ProjectAccess = 'all_contacts' | 'members';
export type PortalType = 'customer' | 'partner';
export const PORTAL_TYPES: readonly PortalType[] = ['customer', 'partner'];

export type Theme = 'light' | 'dark' | 'auto';
export type { DateFormat } from '../../contract/dates.js';
import type { DateFormat } from '../../contract/dates.js';

export const TASK_STATUSES: readonly TaskStatus[] = ['todo', 'in_progress', 'blocked', 'done'];
export const PRIORITIES: readonly Priority[] = ['low', 'medium', 'high', 'urgent'];
export const PROJECT_STATUSES: readonly ProjectStatus[] = ['active', 'on_hold', 'completed', 'archived'];
export const NOTIFICATION_KINDS = ['assigned', 'comment', 'due', 'mention', 'customerActivity', 'message', 'approval', 'goal', 'request'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Task {
  id: string;
  customerId: string;
  projectId: string | null;
  title: string;
  /** Markdown. */
  description: string;
  status: TaskStatus;
  priority: Priority;
  visibility: Visibility;
  /** `YYYY-MM-DD`. */
  dueDate: string | null;
  /** `YYYY-MM-DD`; absent from a service older than milestones. */
  startDate?: string | null;
  milestoneId?: string | null;
  /** The deal it is work of (a registration's co-selling workspace). */
  dealId?: string | null;
  assigneeIds: string[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  version: number;
}

export interface Project {
  id: string;
  customerId: string;
  name: string;
  description: string;
  status: ProjectStatus;
  visibility: Visibility;
  /** Absent from a service older than project membership: every contact. */
  access?: ProjectAccess;
  createdAt: string;
  updatedAt: string;
}

export type MilestoneStatus = 'upcoming' | 'at_risk' | 'reached' | 'missed';

/** A project's milestone; its status is computed by the service from its tasks and its date. */
export interface Milestone {
  id: string;
  customerId: string;
  projectId: string;
  name: string;
  description: string;
  /** `YYYY-MM-DD`. */
  dueDate: string;
  visibility: Visibility;
  status: MilestoneStatus;
  taskCount: number;
  doneCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface MilestoneInput {
  projectId?: string;
  name?: string;
  description?: string;
  dueDate?: string;
  visibility?: Visibility;
}

export interface Comment {
  id: string;
  taskId: string;
  authorId: string | null;
  author?: { id: string; name: string } | null;
  /** Markdown. */
  body: string;
  visibility: Visibility;
  createdAt: string;
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'changes_requested' | 'canceled';
export type ApprovalDecision = 'approved' | 'rejected' | 'changes_requested';
export type ApprovalMode = 'all' | 'any' | 'sequence';

/** A request for named people to approve a task or a document version. */
export interface Approval {
  id: string;
  customerId: string;
  subject: { type: 'task' | 'document'; id: string; title: string };
  taskId: string | null;
  documentVersion: number | null;
  status: ApprovalStatus;
  mode: ApprovalMode;
  steps: { approverId: string; approver: { id: string; name: string } | null; decision: ApprovalDecision | null; comment: string | null; decidedAt: string | null }[];
  /** With `sequence`, whose turn it is. */
  nextApproverId: string | null;
  dueDate: string | null;
  message: string | null;
  createdAt: string;
}

/** A conversation of a customer: its general thread, or about a project or deal. */
export interface Thread {
  id: string;
  customerId: string;
  projectId: string | null;
  dealId: string | null;
  general: boolean;
  subject: string;
  visibility: Visibility;
  lastMessageAt: string | null;
  /** Messages by others after the user's read marker. */
  unreadCount: number;
  createdAt: string;
}

export interface ReadReceipt {
  userId: string;
  name: string;
  readAt: string;
}

export interface Message {
  id: string;
  threadId: string;
  customerId: string;
  authorId: string | null;
  author: { id: string; name: string; role: Role } | null;
  /** Markdown. */
  body: string;
  /** `internal`: a note of the team that no contact sees. */
  visibility: Visibility;
  mentions: string[];
  documentIds: string[];
  readBy: ReadReceipt[];
  createdAt: string;
  /** Shown at once, before the service has it. */
  pending?: boolean;
}

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

export interface Customer {
  id: string;
  name: string;
  externalId: string | null;
  portalEnabled: boolean;
  portalType?: 'customer' | 'partner';
}

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

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface TaskInput {
  customerId?: string;
  projectId?: string | null;
  title?: string;
  description?: string;
  status?: TaskStatus;
  priority?: Priority;
  visibility?: Visibility;
  startDate?: string | null;
  dueDate?: string | null;
  milestoneId?: string | null;
  /** At creation: the deal the task is work of. */
  dealId?: string;
  assigneeIds?: string[];
}
