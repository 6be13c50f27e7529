type Subject = Record<string, unknown>;

const quoted = (value: unknown) => `“${typeof value === 'string' && value ? value : 'untitled'}”`;

const shown = (value: unknown): string | null => {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  // An enum value reads as words: `in_progress` is "in progress".
  if (typeof value === 'string' && /^[a-z]+(_[a-z]+)+$/.test(value)) return value.replace(/_/g, ' ');
  if (typeof value === 'string' && value.length <= 40 && !value.includes('\n')) return value || 'empty';
  return null;
};

/** Fields as a person names them: the audit trail never shows a column name. */
const FIELD: Record<string, string> = {
  assignee_ids: 'assignees',
  due_date: 'due date',
  project_id: 'project',
  milestone_id: 'milestone',
  start_date: 'start date',
  portal_access: 'portal access',
  portal_enabled: 'portal',
  external_id: 'your id',
  permission_set_id: 'permission set',
  capability_overrides: 'permissions',
  ip_allowlist: 'allowed networks',
  portal_type: 'portal type',
  owner_id: 'owner',
  team_ids: 'team',
  staff_role: 'role',
  logo_document_id: 'logo',
  allowed_origins: 'allowed pages',
  email_from: 'email sender',
  app_url: 'app page',
};
const field = (name: string) => FIELD[name] ?? name.replace(/_/g, ' ');

/** "status todo → done, title": short values with their change, long ones by name only. */
function describeChanges(data: { changes?: unknown; previous?: Subject }, subject: Subject | undefined): string {
  if (!Array.isArray(data.changes) || data.changes.length === 0) return '';
  const label = (name: string) => field(name);
  const parts = data.changes.map((field: string) => {
    const before = shown(data.previous?.[field]);
    const after = shown(subject?.[field]);
    return before !== null && after !== null && !Array.isArray(subject?.[field]) && !field.endsWith('_id') ? `${label(field)} ${before} → ${after}` : label(field);
  });
  return `: ${parts.join(', ')}`;
}

/**
 * One line saying what an event of the log did, for the audit trail. The actor is shown
 * beside it, so the line starts with the verb.
 * @example summarize('task.completed', { task: { title: 'Kick-off call' } }) // 'Completed task “Kick-off call”'
 */
export function summarize(type: string, data: Record<string, any>): string {
  const task = data.task as Subject | undefined;
  switch (type) {
    case 'task.created':
      return `Created task ${quoted(task?.title)}`;
    case 'task.updated':
      return `Updated task ${quoted(task?.title)}${describeChanges(data, task)}`;
    case 'task.completed':
      return `Completed task ${quoted(task?.title)}`;
    case 'task.deleted':
      return `Deleted task ${String(task?.id ?? '')}`.trim();
    case 'comment.created':
      return `Commented on ${quoted(task?.title)}`;
    case 'document.created':
      if (data.document?.library_category) return `Published ${quoted(data.document.name)} to the library (${String(data.document.library_category)})`;
      return `Uploaded ${quoted(data.document?.name)}`;
    case 'document.deleted':
      if (data.document?.library_category) return `Retired ${quoted(data.document.name)} from the library`;
      return `Deleted document ${String(data.document?.id ?? '')}`.trim();
    case 'document.version_created':
      return `Uploaded version ${String(data.version?.number ?? '')} of ${quoted(data.document?.name)}`;
    case 'folder.created':
      return `Created folder ${quoted(data.folder?.name)}`;
    case 'folder.updated':
      return `Updated folder ${quoted(data.folder?.name)}${describeChanges(data, data.folder)}`;
    case 'folder.deleted':
      return `Deleted folder ${String(data.folder?.id ?? '')}`.trim();
    case 'project.created':
      return `Created project ${quoted(data.project?.name)}`;
    case 'project.updated':
      return `Updated project ${quoted(data.project?.name)}${describeChanges(data, data.project)}`;
    case 'customer.created':
      return `Added customer ${quoted(data.customer?.name)}`;
    case 'customer.updated':
      return `Updated customer ${quoted(data.customer?.name)}${describeChanges(data, data.customer)}`;
    case 'user.created':
      return `Added ${data.user?.role === 'staff' ? 'team member' : 'contact'} ${quoted(data.user?.name)}`;
    case 'user.updated':
      return `Updated ${quoted(data.user?.name)}${describeChanges(data, data.user)}`;
    case 'user.invited':
      return `Invited ${quoted(data.user?.name)}`;
    case 'task.due_soon':
      return `Reminded that ${quoted(task?.title)} is due soon`;
    case 'task.overdue':
      return `Reminded that ${quoted(task?.title)} is overdue`;
    case 'comment.updated':
      return `Changed who sees a comment on ${quoted(task?.title)}`;
    case 'document.updated':
      return `Updated document ${quoted(data.document?.name)}${describeChanges(data, data.document)}`;
    case 'milestone.created':
      return `Created milestone ${quoted(data.milestone?.name)}`;
    case 'milestone.updated':
      return `Updated milestone ${quoted(data.milestone?.name)}${describeChanges(data, data.milestone)}`;
    case 'milestone.deleted':
      return `Deleted milestone ${String(data.milestone?.id ?? '')}`.trim();
    case 'milestone.status_changed':
      return `Milestone ${quoted(data.milestone?.name)} became ${shown(data.milestone?.status) ?? ''}`.trim();
    case 'project.members_updated':
      return 'Changed the members of a project';
    case 'branding.updated':
      return 'Changed the branding';
    case 'settings.updated':
      return `Changed the settings${describeChanges(data, data.settings)}`;
    case 'permission_set.created':
      return `Created permission set ${quoted(data.permission_set?.name)}`;
    case 'permission_set.updated':
      return `Updated permission set ${quoted(data.permission_set?.name)}${describeChanges(data, data.permission_set)}`;
    case 'permission_set.deleted':
      return 'Deleted a permission set';
    case 'user.signed_in':
      return `Signed in${data.method === 'sso' ? ' with the company account' : ' with an email link'}`;
    case 'user.signed_out': {
      const n = Array.isArray(data.session_ids) ? data.session_ids.length : 1;
      if (data.reason === 'everywhere') return `Signed out everywhere (${n} ${n === 1 ? 'session' : 'sessions'})`;
      if (data.reason === 'replaced') return 'Signed in again in the same browser';
      return data.reason === 'ended' ? `Ended ${n === 1 ? 'a session' : `${n} sessions`}` : 'Signed out';
    }
    case 'user.erased':
      return `Erased the personal data of ${String(data.user?.id ?? '')}`.trim();
    case 'user.transferred':
      return `Moved ${quoted(data.user?.name)} to another customer`;
    case 'user.exported':
      return `Exported everything held about ${String(data.user?.id ?? '')}`.trim();
    case 'user.mfa_enabled':
      return 'Turned on two-step sign-in';
    case 'user.mfa_disabled':
      return 'Turned off two-step sign-in';
    case 'user.mfa_locked':
      return 'Locked out of code entry after too many wrong codes';
    case 'document.downloaded':
      return `Downloaded ${quoted(data.document?.name)}${data.version ? ` (version ${String(data.version)})` : ''}`;
    case 'document.previewed':
      return `Previewed ${quoted(data.document?.name)}`;
    case 'thread.created':
      return `Opened thread ${quoted(data.thread?.subject)}`;
    case 'message.created':
      return `${data.message?.visibility === 'internal' ? 'Wrote an internal note in' : 'Wrote in'} ${quoted(data.thread?.subject)}`;
    case 'message.read':
      return 'Read a thread';
    case 'approval.requested':
      return `Requested approval of ${quoted(data.approval?.subject?.title)}`;
    case 'approval.decided':
      return `${({ approved: 'Approved', rejected: 'Rejected', changes_requested: 'Asked for changes to' } as Record<string, string>)[data.decision?.decision] ?? 'Decided on'} ${quoted(data.approval?.subject?.title)}`;
    case 'approval.completed':
      return `Approval of ${quoted(data.approval?.subject?.title)} ended: ${String(data.approval?.status ?? '').replace('_', ' ')}`;
    case 'approval.canceled':
      return `Canceled the approval of ${quoted(data.approval?.subject?.title)}`;
    case 'request_type.created':
      return `Created request type ${quoted(data.request_type?.name)}`;
    case 'request_type.updated':
      return `Updated request type ${quoted(data.request_type?.name)}${describeChanges(data, data.request_type)}`;
    case 'request_type.deleted':
      return `Retired request type ${quoted(data.request_type?.name)}`;
    case 'request.created':
      return `Filed a ${String(data.request?.type?.name ?? 'request').toLowerCase()}${requestDetail(data.request)}`;
    case 'request.updated':
      return `Marked the ${String(data.request?.type?.name ?? 'request').toLowerCase()}${requestDetail(data.request)} ${shown(data.request?.status) ?? ''}`.trim();
    case 'request.sla_breached':
      return `Missed the SLA of the ${String(data.request?.type?.name ?? 'request').toLowerCase()}${requestDetail(data.request)}`;
    case 'request.meeting_confirmed':
      return `Confirmed a meeting on ${String(data.meeting?.starts_at ?? '').slice(0, 16).replace('T', ' ')} UTC${requestDetail(data.request)}`;
    case 'customer.engagement_changed':
      return `Engagement became ${shown(data.engagement?.trend) ?? ''} (score ${Number(data.engagement?.score ?? 0)})`;
    case 'tenant.tokens_revoked':
      return 'Signed everyone out (tokens revoked)';
    case 'deal.created':
      return `Created deal ${quoted(data.deal?.name)}`;
    case 'deal.updated':
      return `Updated deal ${quoted(data.deal?.name)}${describeChanges(data, data.deal)}`;
    case 'deal.note_added':
      return `Added a${data.update?.visibility === 'internal' ? 'n internal' : ''} note to deal ${quoted(data.deal?.name)}`;
    case 'financial_document.created':
      return `Added ${String(data.financial_document?.kind ?? 'document').replace(/_/g, ' ')} ${quoted(data.financial_document?.number)}`;
    case 'financial_document.updated':
      return `Updated ${String(data.financial_document?.kind ?? 'document').replace(/_/g, ' ')} ${quoted(data.financial_document?.number)}${describeChanges(data, data.financial_document)}`;
    case 'financial_document.accepted':
      return `Accepted quote ${quoted(data.financial_document?.number)}`;
    case 'financial_document.declined':
      return `Declined quote ${quoted(data.financial_document?.number)}`;
    case 'deal_registration.created':
      return `Registered a deal for ${quoted(data.deal_registration?.prospect?.company)}`;
    case 'deal_registration.decided':
      return `${data.deal_registration?.status === 'approved' ? 'Approved' : 'Rejected'} the registration of ${quoted(data.deal_registration?.prospect?.company)}`;
    case 'deal_registration.appealed':
      return `Appealed the rejection of ${quoted(data.deal_registration?.prospect?.company)}`;
    case 'deal_registration.expired':
      return `Protection ended for ${quoted(data.deal_registration?.prospect?.company)}`;
    case 'deal_registration.outcome_recorded':
      return `Marked the registration of ${quoted(data.deal_registration?.prospect?.company)} ${String(data.deal_registration?.status)}`;
    case 'referral.created':
      return `Referred ${quoted(data.referral?.prospect?.company)}`;
    case 'referral.updated':
      return `Updated the referral of ${quoted(data.referral?.prospect?.company)}${describeChanges(data, data.referral)}`;
    case 'commission.earned':
      return `Commission earned on ${quoted(data.commission?.company)}`;
    case 'commission.updated':
      return `Updated the commission on ${quoted(data.commission?.company)}${describeChanges(data, data.commission)}`;
    case 'commission.paid':
      return `Paid the commission on ${quoted(data.commission?.company)}`;
    case 'partner_tier.created':
      return `Created partner tier ${quoted(data.partner_tier?.name)}`;
    case 'partner_tier.updated':
      return `Updated partner tier ${quoted(data.partner_tier?.name)}${describeChanges(data, data.partner_tier)}`;
    case 'partner_tier.deleted':
      return `Deleted partner tier ${quoted(data.partner_tier?.name)}`;
    default:
      // A kind added later still reads as words, never as its code.
      return type.replace(/[._]/g, ' ').replace(/^./, (c) => c.toUpperCase());
  }
}

/** A request's first text answer, quoted, to tell it from others of its type. */
function requestDetail(request: { values?: Record<string, unknown> } | undefined): string {
  const first = Object.values(request?.values ?? {}).find((v) => typeof v === 'string' && !/^doc_/.test(v));
  return typeof first === 'string' ? ` ${quoted(first.length > 60 ? `${first.slice(0, 59)}…` : first)}` : '';
}
