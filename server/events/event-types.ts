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
 * | goal.created       | gol id    | `{goal}`                                                      |
 * | goal.updated       | gol id    | `{goal, changes, previous}` (`owner_ids` among the fields)    |
 * | goal.deleted       | gol id    | `{goal: {id, customer_id, title}}`                            |
 * | goal.progress_recorded | gol id | `{goal, update: {id, value, note, created_by, created_at}, previous: {current, status}}` |
 * | user.signed_in     | usr id    | `{user: {id, name, role, customer_id}, session_id, method: magic_link|sso}` (internal: a browser session opened) |
 * | user.signed_out    | usr id    | `{user, session_ids, reason: logout|replaced|ended|everywhere}` (internal) |
 * | document.downloaded| doc id    | `{document: {id, name, task_id, customer_id}, version?}` (internal: its bytes were served) |
 * | document.previewed | doc id    | `{document: {id, name, task_id, customer_id}}` (internal: its preview was served) |
 * | customer.engagement_changed | cus id | `{customer: {id, name, owner_id}, engagement: {score, trend, last_active_at, signals}, previous: {trend, score}}` (internal; from the engagement worker, once per change) |
 * | user.mfa_enabled / user.mfa_disabled | usr id | `{user, method: totp, reset?: true}` (internal: two-step sign-in turned on / off by its person; `reset` when an admin removed a lost one) |
 * | user.mfa_locked    | usr id    | `{user, failures}` (internal: too many wrong codes; code entry locked for 15 minutes) |
 * | access_request.created | acr id | `{access_request}` (internal: someone asked for access on the public page; admins are notified) |
 * | access_request.decided | acr id | `{access_request}` (internal: approved, with the contact created and invited, or rejected) |
 * | page.created / page.updated | pag id | `{page, changes?, previous?}` (a tenant-wide page's events have `customer_id` null: the team's) |
 * | page.deleted       | pag id    | `{page: {id, customer_id, title}}`                            |
 * | faq_entry.created / faq_entry.updated | faq id | `{faq_entry, changes?, previous?}` (tenant-wide: the team's) |
 * | faq_entry.deleted  | faq id    | `{faq_entry: {id, question, category}}`                       |
 * | faq_entry.feedback_received | faq id | `{faq_entry: {id, question, category}, feedback: {helpful, comment, user_id}}` (internal) |
 * Every row also carries the request's `ip` and `user_agent` (columns, not `data`).
 * | thread.created     | thread id | `{thread}` (also a new customer's general thread)              |
 * | message.created    | msg id    | `{message, thread: {id, customer_id, project_id, deal_id, subject, visibility}}` |
 * | approval.requested | apr id    | `{approval}` (its creation: the approvers are asked)            |
 * | approval.decided   | apr id    | `{approval, decision: {approver_id, decision, comment}}`        |
 * | approval.completed | apr id    | `{approval}` (approved, rejected or changes requested: closed)  |
 * | approval.canceled  | apr id    | `{approval}`                                                    |
 * | message.read       | msg id    | `{read: {thread_id, message_id, user_id, name, role, read_at}}` (for a marker on an internal note, the newest portal message before it, so contacts see the receipt and not the note) |
 * | deal.created / deal.updated | del id | `{deal, changes?, previous?}` (a contact's stream gets `value` only as its GET would) |
 * | deal.note_added | del id | `{deal, update}`: a note on the timeline (internal when the note is) |
 * | financial_document.created / updated | fin id | `{financial_document, changes?, previous?}` (drafts are internal) |
 * | financial_document.accepted / declined | fin id | `{financial_document, record}`: the customer's sign-off |
 * | deal_registration.created / decided / appealed / expired / outcome_recorded | drg id | `{deal_registration}` |
 * | referral.created / referral.updated | ref id | `{referral, changes?, previous?}` |
 * | commission.earned / commission.updated / commission.paid | com id | `{commission, changes?, previous?}` |
 * | partner_tier.created / updated / deleted | tir id | `{partner_tier}` (internal) |
 * | request_type.created / updated / deleted | rqt id | `{request_type, changes?, previous?}` (internal) |
 * | request.created    | req id    | `{request, assignee_ids}` (the request as its customer's portal sees it; `assignee_ids` of its task) |
 * | request.updated    | req id    | `{request, assignee_ids, changes, previous}` (its status, set or following its task) |
 * | request.sla_breached | req id  | `{request, assignee_ids}` (past `due_at` unresolved; once, from the SLA worker) |
 * | request.meeting_confirmed | req id | `{request, assignee_ids, meeting: {starts_at, ends_at, location}}` |
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
  'goal.created',
  'goal.updated',
  'goal.deleted',
  'goal.progress_recorded',
  'user.signed_in',
  'user.signed_out',
  'document.downloaded',
  'user.erased',
  'user.exported',
  'user.transferred',
  'document.previewed',
  'user.mfa_enabled',
  'user.mfa_disabled',
  'user.mfa_locked',
  'thread.created',
  'message.created',
  'message.read',
  'approval.requested',
  'approval.decided',
  'approval.completed',
  'approval.canceled',
  'deal.created',
  'deal.updated',
  'deal.note_added',
  'financial_document.created',
  'financial_document.updated',
  'financial_document.accepted',
  'financial_document.declined',
  'deal_registration.created',
  'deal_registration.decided',
  'deal_registration.appealed',
  'deal_registration.expired',
  'deal_registration.outcome_recorded',
  'referral.created',
  'referral.updated',
  'commission.earned',
  'commission.updated',
  'commission.paid',
  'partner_tier.created',
  'partner_tier.updated',
  'partner_tier.deleted',
  'customer.engagement_changed',
  'access_request.created',
  'access_request.decided',
  'page.created',
  'page.updated',
  'page.deleted',
  'faq_entry.created',
  'faq_entry.updated',
  'faq_entry.deleted',
  'faq_entry.feedback_received',
  'request_type.created',
  'request_type.updated',
  'request_type.deleted',
  'request.created',
  'request.updated',
  'request.sla_breached',
  'request.meeting_confirmed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
