/**
 * The resources of shared/API.md as the widget sees them: camelCase here, snake_case on the
 * wire; `wire.ts` maps between the two in one place. The shapes are the contract's schemas
 * (`contract/schemas/`), renamed by the type system as `wire.ts` renames them at run time
 * (`Camel<…>`): a field the service adds appears here, and one it drops fails to compile where
 * it is read. Every import of a schema is type-only, so zod never reaches the bundle.
 */
import type { z } from '@hono/zod-openapi';
import type { Camel, CamelKey, Optional } from '../../contract/camel.js';
import type { ApprovalView } from '../../contract/schemas/approval.schema.js';
import type { BrandingView } from '../../contract/schemas/branding.schema.js';
import type { CommentView } from '../../contract/schemas/comment.schema.js';
import type { page, Role as RoleSchema, Visibility as VisibilitySchema } from '../../contract/schemas/common.schema.js';
import type { CustomerView } from '../../contract/schemas/customer.schema.js';
import type { DocumentView, MediaAddressView } from '../../contract/schemas/document.schema.js';
import type { PortalEventView } from '../../contract/schemas/event.schema.js';
import type { MeView } from '../../contract/schemas/me.schema.js';
import type { MfaStatusView, RecoveryCodesView, TotpEnrolmentView } from '../../contract/schemas/mfa.schema.js';
import type { CreateMilestoneInput, MilestoneView } from '../../contract/schemas/milestone.schema.js';
import type { NotificationView } from '../../contract/schemas/notification.schema.js';
import type { PersonView } from '../../contract/schemas/person.schema.js';
import type { Preferences as PreferencesView, PreferencesPatchInput } from '../../contract/schemas/preferences.schema.js';
import type { ProjectAccess as ProjectAccessSchema, ProjectView } from '../../contract/schemas/project.schema.js';
import type { SessionView } from '../../contract/schemas/session.schema.js';
import type { CreateTaskInput, TaskView } from '../../contract/schemas/task.schema.js';
import type { MessageView, ThreadView } from '../../contract/schemas/thread.schema.js';
import type { StaffRole as StaffRoleSchema } from '../../contract/schemas/user.schema.js';
import { PRIORITIES, PROJECT_STATUSES, TASK_STATUSES, type NotificationKind as WireNotificationKind } from '../../contract/values.js';

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

export type { DateFormat } from '../../contract/dates.js';

/** The kinds of notification a person switches, camelCased as wire.ts renames the keys of `notifications`. */
export type NotificationKind = CamelKey<WireNotificationKind>;
const kinds = ['assigned', 'comment', 'due', 'mention', 'customerActivity', 'message', 'approval', 'goal', 'request'] as const satisfies readonly NotificationKind[];
/** Every kind, in the order the settings list them: a kind the contract adds and this list lacks fails to compile. */
export const NOTIFICATION_KINDS: Exclude<NotificationKind, (typeof kinds)[number]> extends never ? typeof kinds : never = kinds;

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

/** A document; a library one (tenant-wide) has its `libraryCategory` and audience (`portalType`), and `downloads` for staff. */
export type PortalDocument = Camel<DocumentView>;

/** Someone the caller may assign or mention (`email`: API keys and staff only). */
export type Person = Camel<PersonView>;

/** A customer as the widget shows it (the staff switcher): the contract's, its access rules aside. */
export type Customer = Camel<Pick<CustomerView, 'id' | 'name' | 'external_id' | 'portal_enabled'>> & Partial<Camel<Pick<CustomerView, 'portal_type'>>>;

export type Preferences = Camel<PreferencesView>;
export type Theme = Preferences['theme'];

export type PreferencesPatch = Camel<PreferencesPatchInput>;

/** The tenant's look as `GET /v1/me` gives it; a page may preview one that lacks any part (`Partial`). */
export type Branding = Partial<Camel<BrandingView>>;

/** A browser session of the person (`GET /v1/me/sessions`); `current`: the one this page's token came from. */
export type BrowserSession = Camel<SessionView>;

/** The person's two-step sign-in (`GET /v1/me/mfa`); `required`: the tenant requires it of this person. */
export type MfaStatus = Camel<MfaStatusView>;

/** A started authenticator set-up: the key to type or paste into the app. */
export type TotpEnrolment = Camel<TotpEnrolmentView>;

/** The recovery codes, answered once when the authenticator is confirmed. */
export type RecoveryCodes = Camel<RecoveryCodesView>;

/** A signed address an `<audio>` or `<video>` element loads a document's bytes from, without a token. */
export type MediaAddress = Camel<MediaAddressView>;

/**
 * The caller (`GET /v1/me`). `capabilities`, the user's `staffRole` and `preferences`, the
 * customer's `portalType` and the tenant's `id`, `slug` and `branding` may be absent: a session
 * kept from a service older than them.
 */
export type Me = Camel<
  Optional<Omit<MeView, 'user' | 'customer' | 'tenant'>, 'capabilities'> & {
    user: Optional<MeView['user'], 'staff_role' | 'preferences'>;
    customer: Optional<NonNullable<MeView['customer']>, 'portal_type'> | null;
    tenant: Optional<MeView['tenant'], 'id' | 'slug' | 'branding'>;
  }
>;

/** `threadId` may be absent: a notification from a service older than messages. `title` and `body` are the service's own wording (English), used when the widget cannot say it better. */
export type PortalNotification = Camel<Optional<NotificationView, 'thread_id'>>;

/**
 * One event of the live stream (`GET /v1/events`), as the contract's `PortalEventSchema` gives it.
 * Its `data` depends on `type`: the contract says `unknown`, and this public type keeps the
 * `any` it has always had, so an embedder's `event.data.task.id` still compiles.
 */
export type PortalEvent = Camel<Omit<PortalEventView, 'data'>> & { data: Record<string, any> };

/** `{data, next_cursor}` of every list (`page()` in the contract), its items `T`. */
export type Page<T> = Omit<Camel<z.infer<ReturnType<typeof page>>>, 'data'> & { data: T[] };

/** What the widget may send to create or change a task: any field of `POST /v1/tasks`. */
export type TaskInput = Partial<Camel<CreateTaskInput>>;
