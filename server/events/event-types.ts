/**
 * The event log's vocabulary: what writers append and what readers (live streams,
 * notifications, email, webhooks, the audit trail) can rely on. `data` holds the subject
 * as the API shows it to staff; an event's `visibility` says whether a contact of its
 * `customer_id` may see it (decided by the visibility rule at write time).
 *
 * | type               | subject   | data                                                          |
 * |--------------------|-----------|---------------------------------------------------------------|
 * | task.created       | task id   | `{task}`                                                      |
 * | task.updated       | task id   | `{task, changes: string[], previous: {field: old value}}`     |
 * | task.completed     | task id   | `{task}` (also after the task.updated that made it done)      |
 * | task.deleted       | task id   | `{task: {id, customer_id, project_id}}`                       |
 * | comment.created    | comment id| `{comment, task: {id, title, customer_id, assignee_ids, visibility}}` |
 * | comment.updated    | comment id| `{comment, task, changes, previous}` (its visibility changed)  |
 * | document.updated   | doc id    | `{document, changes, previous}` (its visibility or name changed) |
 * | document.created   | doc id    | `{document}` (a library document, `customer_id` null: internal)  |
 * | document.deleted   | doc id    | `{document: {id, task_id, customer_id}}` (a library document retired: also `name`, `library_category`, `portal_type`) |
 * | document.version_created | doc id | `{document, version}` (a new current version)            |
 * | folder.created     | fld id    | `{folder}`                                                    |
 * | folder.updated     | fld id    | `{folder, changes, previous}` (renamed, moved, shared or hidden) |
 * | folder.deleted     | fld id    | `{folder: {id, customer_id, parent_id}}`                      |
 * | project.created    | project id| `{project}`                                                   |
 * | project.updated    | project id| `{project, changes, previous}`                                |
 * | customer.created   | cus id    | `{customer}` (internal)                                       |
 * | customer.updated   | cus id    | `{customer, changes, previous}` (internal)                    |
 * | user.created       | usr id    | `{user}` (internal)                                           |
 * | user.updated       | usr id    | `{user, changes, previous}` (internal; deactivation included)|
 * | user.invited       | usr id    | `{user, expires_at}` (internal: an invitation email was sent)  |
 * | branding.updated   | tenant id | `{branding, changes, previous}` (internal; branding as GET /v1/branding) |
 * | settings.updated   | tenant id | `{settings, changes, previous}` (internal; settings as GET /v1/settings) |
 * | task.due_soon      | task id   | `{task}` (due within 3 days; once per due date, from the reminder scheduler) |
 * | task.overdue       | task id   | `{task}` (past its due date and not done; once per due date)  |
 * | tenant.tokens_revoked | tenant id | `{revoked_before}` (internal; `tokens revoke`: open streams close) |
 * | permission_set.created/updated/deleted | pms id | `{permission_set, changes?, previous?}` (internal) |
 * | project.members_updated | project id | `{project_id, user_ids, added, removed}` (internal: who sees a members-only project) |
 * | milestone.created  | mil id    | `{milestone}`                                                 |
 * | milestone.updated  | mil id    | `{milestone, changes, previous}`                              |
 * | milestone.deleted  | mil id    | `{milestone: {id, customer_id, project_id}}`                  |
 * | milestone.status_changed | mil id | `{milestone, previous: {status}}` (from the reminders worker, once per change) |
 * | user.signed_in     | usr id    | `{user: {id, name, role, customer_id}, session_id, method: magic_link|sso}` (internal: a browser session opened) |
 * | user.signed_out    | usr id    | `{user, session_ids, reason: logout|replaced|ended|everywhere}` (internal) |
 * | document.downloaded| doc id    | `{document: {id, name, task_id, customer_id}, version?}` (internal: its bytes were served) |
 * | document.previewed | doc id    | `{document: {id, name, task_id, customer_id}}` (internal: its preview was served) |
 * Every row also carries the request's `ip` and `user_agent` (columns, not `data`).
 */
export const EVENT_TYPES = [
  'task.created',
  'task.updated',
  'task.completed',
  'task.deleted',
  'comment.created',
  'comment.updated',
  'document.created',
  'document.updated',
  'document.deleted',
  'document.version_created',
  'folder.created',
  'folder.updated',
  'folder.deleted',
  'project.created',
  'project.updated',
  'customer.created',
  'customer.updated',
  'user.created',
  'user.updated',
  'user.invited',
  'branding.updated',
  'settings.updated',
  'task.due_soon',
  'task.overdue',
  'tenant.tokens_revoked',
  'permission_set.created',
  'permission_set.updated',
  'permission_set.deleted',
  'project.members_updated',
  'milestone.created',
  'milestone.updated',
  'milestone.deleted',
  'milestone.status_changed',
  'user.signed_in',
  'user.signed_out',
  'document.downloaded',
  'document.previewed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
