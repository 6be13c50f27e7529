type Subject = Record<string, any>;

/** A short value as the log holds it (an enum value, a date, a number, a flag; null for none). */
export type ShortValue = string | number | boolean | null;

/** One field a change touched: with its old and new value when both are short enough to show. */
export interface SummaryChange {
  field: string;
  from?: ShortValue;
  to?: ShortValue;
}

/**
 * What an event of the log did, in parts a client can put in any language: a message key (the
 * event type, or the type and a variant such as `user.signed_out.everywhere`), the values it
 * names, and the fields a change touched.
 */
export interface ActivitySummary {
  key: string;
  params: Record<string, string | number>;
  changes: SummaryChange[];
}

/**
 * The English line of each key; `{x}` takes a parameter, and an empty quoted one reads "untitled".
 * `key.one` is the line for a `count` of one.
 */
const EN: Record<string, string> = {
  'task.created': 'Created task “{title}”',
  'task.updated': 'Updated task “{title}”',
  'task.completed': 'Completed task “{title}”',
  'task.deleted': 'Deleted task {id}',
  'task.due_soon': 'Reminded that “{title}” is due soon',
  'task.overdue': 'Reminded that “{title}” is overdue',
  'comment.created': 'Commented on “{title}”',
  'comment.updated': 'Changed who sees a comment on “{title}”',
  'document.created': 'Uploaded “{name}”',
  'document.created.library': 'Published “{name}” to the library ({category})',
  'document.deleted': 'Deleted document {id}',
  'document.deleted.library': 'Retired “{name}” from the library',
  'document.version_created': 'Uploaded version {version} of “{name}”',
  'document.updated': 'Updated document “{name}”',
  'document.downloaded': 'Downloaded “{name}”',
  'document.downloaded.version': 'Downloaded “{name}” (version {version})',
  'document.previewed': 'Previewed “{name}”',
  'folder.created': 'Created folder “{name}”',
  'folder.updated': 'Updated folder “{name}”',
  'folder.deleted': 'Deleted folder {id}',
  'project.created': 'Created project “{name}”',
  'project.updated': 'Updated project “{name}”',
  'project.members_updated': 'Changed the members of a project',
  'customer.created': 'Added customer “{name}”',
  'customer.updated': 'Updated customer “{name}”',
  'customer.engagement_changed': 'Engagement became {trend} (score {score})',
  'user.created.staff': 'Added team member “{name}”',
  'user.created.contact': 'Added contact “{name}”',
  'user.updated': 'Updated “{name}”',
  'user.invited': 'Invited “{name}”',
  'user.signed_in.sso': 'Signed in with the company account',
  'user.signed_in.email': 'Signed in with an email link',
  'user.signed_out': 'Signed out',
  'user.signed_out.everywhere': 'Signed out everywhere ({count} sessions)',
  'user.signed_out.everywhere.one': 'Signed out everywhere (1 session)',
  'user.signed_out.replaced': 'Signed in again in the same browser',
  'user.signed_out.ended': 'Ended {count} sessions',
  'user.signed_out.ended.one': 'Ended a session',
  'user.erased': 'Erased the personal data of {id}',
  'user.transferred': 'Moved “{name}” to another customer',
  'user.exported': 'Exported everything held about {id}',
  'user.mfa_enabled': 'Turned on two-step sign-in',
  'user.mfa_disabled': 'Turned off two-step sign-in',
  'user.mfa_disabled.reset': 'Reset the two-step sign-in of “{name}” (lost authenticator)',
  'access_request.created': '“{name}” of “{company}” asked for access',
  'access_request.decided.approved': 'Approved the access request of “{name}”',
  'access_request.decided.rejected': 'Rejected the access request of “{name}”',
  'user.mfa_locked': 'Locked out of code entry after too many wrong codes',
  'milestone.created': 'Created milestone “{name}”',
  'milestone.updated': 'Updated milestone “{name}”',
  'milestone.deleted': 'Deleted milestone {id}',
  'milestone.status_changed': 'Milestone “{name}” became {status}',
  'goal.created': 'Created goal “{title}”',
  'goal.updated': 'Updated goal “{title}”',
  'goal.deleted': 'Deleted goal “{title}”',
  'goal.progress_recorded': 'Recorded {amount} on goal “{title}”',
  'goal.progress_recorded.note': 'Added a note to goal “{title}”',
  'branding.updated': 'Changed the branding',
  'settings.updated': 'Changed the settings',
  'permission_set.created': 'Created permission set “{name}”',
  'permission_set.updated': 'Updated permission set “{name}”',
  'permission_set.deleted': 'Deleted a permission set',
  'thread.created': 'Opened thread “{subject}”',
  'message.created': 'Wrote in “{subject}”',
  'message.created.internal': 'Wrote an internal note in “{subject}”',
  'message.read': 'Read a thread',
  'approval.requested': 'Requested approval of “{title}”',
  'approval.decided.approved': 'Approved “{title}”',
  'approval.decided.rejected': 'Rejected “{title}”',
  'approval.decided.changes_requested': 'Asked for changes to “{title}”',
  'approval.decided': 'Decided on “{title}”',
  'approval.completed': 'Approval of “{title}” ended: {status}',
  'approval.canceled': 'Canceled the approval of “{title}”',
  'tenant.tokens_revoked': 'Signed everyone out (tokens revoked)',
  'deal.created': 'Created deal “{name}”',
  'deal.updated': 'Updated deal “{name}”',
  'deal.note_added': 'Added a note to deal “{name}”',
  'deal.note_added.internal': 'Added an internal note to deal “{name}”',
  'financial_document.created': 'Added {kind} “{number}”',
  'financial_document.updated': 'Updated {kind} “{number}”',
  'financial_document.accepted': 'Accepted quote “{number}”',
  'financial_document.declined': 'Declined quote “{number}”',
  'deal_registration.created': 'Registered a deal for “{company}”',
  'deal_registration.decided.approved': 'Approved the registration of “{company}”',
  'deal_registration.decided.rejected': 'Rejected the registration of “{company}”',
  'deal_registration.appealed': 'Appealed the rejection of “{company}”',
  'deal_registration.expired': 'Protection ended for “{company}”',
  'deal_registration.outcome_recorded': 'Marked the registration of “{company}” {status}',
  'referral.created': 'Referred “{company}”',
  'referral.updated': 'Updated the referral of “{company}”',
  'commission.earned': 'Commission earned on “{company}”',
  'commission.updated': 'Updated the commission on “{company}”',
  'commission.paid': 'Paid the commission on “{company}”',
  'partner_tier.created': 'Created partner tier “{name}”',
  'partner_tier.updated': 'Updated partner tier “{name}”',
  'partner_tier.deleted': 'Deleted partner tier “{name}”',
  'page.created': 'Published page “{title}”',
  'page.created.draft': 'Wrote page “{title}” as a draft',
  'page.updated': 'Updated page “{title}”',
  'page.deleted': 'Deleted page “{title}”',
  'faq_entry.created': 'Added FAQ entry “{question}”',
  'faq_entry.updated': 'Updated FAQ entry “{question}”',
  'faq_entry.deleted': 'Deleted FAQ entry “{question}”',
  'faq_entry.feedback_received.helpful': 'Found FAQ entry “{question}” helpful',
  'faq_entry.feedback_received.unhelpful': 'Found FAQ entry “{question}” not helpful',
  'faq_entry.feedback_received.helpful.comment': 'Found FAQ entry “{question}” helpful: “{comment}”',
  'faq_entry.feedback_received.unhelpful.comment': 'Found FAQ entry “{question}” not helpful: “{comment}”',
  'request_type.created': 'Created request type “{name}”',
  'request_type.updated': 'Updated request type “{name}”',
  'request_type.deleted': 'Retired request type “{name}”',
  'request.created': 'Filed a {type}',
  'request.created.detail': 'Filed a {type} “{detail}”',
  'request.updated': 'Marked the {type} as {status}',
  'request.updated.detail': 'Marked the {type} “{detail}” as {status}',
  'request.sla_breached': 'Missed the SLA of the {type}',
  'request.sla_breached.detail': 'Missed the SLA of the {type} “{detail}”',
  'request.meeting_confirmed': 'Confirmed a meeting on {when} UTC for the {type}',
  'request.meeting_confirmed.detail': 'Confirmed a meeting on {when} UTC for the {type} “{detail}”',
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
  owner_ids: 'owners',
  team_ids: 'team',
  staff_role: 'role',
  logo_document_id: 'logo',
  allowed_origins: 'allowed pages',
  email_from: 'email sender',
  app_url: 'app page',
};
const words = (code: string) => code.replace(/_/g, ' ');
/** Parameters that hold an enum value: read as words (`credit_note` is "credit note"). */
const ENUM_PARAMS = new Set(['status', 'kind', 'trend']);

const short = (value: unknown): ShortValue | undefined => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'string' && value.length <= 40 && !value.includes('\n')) return value;
  return undefined;
};

/** Short values with their change, long ones (and lists and references) by name only. */
function changesOf(data: Subject, subject: Subject | undefined): SummaryChange[] {
  if (!subject || !Array.isArray(data.changes)) return [];
  return data.changes.map((field: string) => {
    const from = short(data.previous?.[field]);
    const to = short(subject[field]);
    return from !== undefined && to !== undefined && !Array.isArray(subject[field]) && !field.endsWith('_id') ? { field, from, to } : { field };
  });
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/**
 * The parts of the line saying what an event of the log did, for the audit trail. The actor is
 * shown beside it, so the line starts with the verb.
 * @example describeActivity('task.completed', { task: { title: 'Kick-off call' } }) // { key: 'task.completed', params: { title: 'Kick-off call' }, changes: [] }
 */
export function describeActivity(type: string, data: Subject): ActivitySummary {
  const of = (key: string, params: Record<string, unknown> = {}, subject?: Subject): ActivitySummary => ({
    key,
    params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? v : text(v)])),
    changes: subject ? changesOf(data, subject) : [],
  });
  const [family] = type.split('.') as [string];
  const subject = data[family] as Subject | undefined;
  const count = Array.isArray(data.session_ids) ? data.session_ids.length : 1;
  switch (type) {
    case 'task.created':
    case 'task.completed':
    case 'task.due_soon':
    case 'task.overdue':
    case 'comment.created':
    case 'comment.updated':
      return of(type, { title: data.task?.title });
    case 'task.updated':
      return of(type, { title: data.task?.title }, data.task);
    case 'task.deleted':
    case 'folder.deleted':
    case 'milestone.deleted':
    case 'user.erased':
    case 'user.exported':
      return of(type, { id: subject?.id });
    case 'document.created':
    case 'document.deleted':
      return data.document?.library_category ? of(`${type}.library`, { name: data.document.name, category: data.document.library_category }) : of(type, { name: data.document?.name, id: data.document?.id });
    case 'document.version_created':
      return of(type, { name: data.document?.name, version: text(data.version?.number) });
    case 'document.downloaded':
      return data.version ? of(`${type}.version`, { name: data.document?.name, version: text(data.version) }) : of(type, { name: data.document?.name });
    case 'document.updated':
    case 'folder.updated':
    case 'project.updated':
    case 'customer.updated':
    case 'user.updated':
    case 'milestone.updated':
    case 'permission_set.updated':
    case 'deal.updated':
    case 'partner_tier.updated':
    case 'request_type.updated':
      return of(type, { name: subject?.name }, subject);
    case 'user.created':
      return of(`${type}.${data.user?.role === 'staff' ? 'staff' : 'contact'}`, { name: data.user?.name });
    case 'milestone.status_changed':
      return of(type, { name: data.milestone?.name, status: data.milestone?.status });
    case 'goal.created':
    case 'goal.deleted':
      return of(type, { title: data.goal?.title });
    case 'goal.updated':
      return of(type, { title: data.goal?.title }, data.goal);
    case 'goal.progress_recorded': {
      const value = data.update?.value;
      if (value === null || value === undefined) return of(`${type}.note`, { title: data.goal?.title });
      return of(type, { title: data.goal?.title, amount: data.goal?.metric?.unit ? `${String(value)} ${String(data.goal.metric.unit)}` : String(value) });
    }
    case 'settings.updated':
      return of(type, {}, data.settings);
    case 'user.signed_in':
      return of(`${type}.${data.method === 'sso' ? 'sso' : 'email'}`);
    case 'user.signed_out':
      if (data.reason === 'everywhere' || data.reason === 'ended') return of(`${type}.${data.reason}`, { count });
      return of(data.reason === 'replaced' ? `${type}.replaced` : type);
    case 'thread.created':
      return of(type, { subject: data.thread?.subject });
    case 'message.created':
      return of(data.message?.visibility === 'internal' ? `${type}.internal` : type, { subject: data.thread?.subject });
    case 'approval.requested':
    case 'approval.canceled':
      return of(type, { title: data.approval?.subject?.title });
    case 'approval.decided': {
      const decision = String(data.decision?.decision);
      return of(['approved', 'rejected', 'changes_requested'].includes(decision) ? `${type}.${decision}` : type, { title: data.approval?.subject?.title });
    }
    case 'approval.completed':
      return of(type, { title: data.approval?.subject?.title, status: data.approval?.status });
    case 'user.mfa_disabled':
      return data.reset ? of(`${type}.reset`, { name: data.user?.name }) : of(type);
    case 'access_request.created':
      return of(type, { name: data.access_request?.name, company: data.access_request?.company });
    case 'access_request.decided':
      return of(`${type}.${data.access_request?.status === 'approved' ? 'approved' : 'rejected'}`, { name: data.access_request?.name });
    case 'customer.engagement_changed':
      return of(type, { trend: data.engagement?.trend, score: Number(data.engagement?.score ?? 0) });
    case 'deal.note_added':
      return of(data.update?.visibility === 'internal' ? `${type}.internal` : type, { name: data.deal?.name });
    case 'financial_document.created':
    case 'financial_document.updated':
      return of(type, { kind: data.financial_document?.kind ?? 'document', number: data.financial_document?.number }, type.endsWith('updated') ? data.financial_document : undefined);
    case 'financial_document.accepted':
    case 'financial_document.declined':
      return of(type, { number: data.financial_document?.number });
    case 'deal_registration.decided':
      return of(`${type}.${data.deal_registration?.status === 'approved' ? 'approved' : 'rejected'}`, { company: data.deal_registration?.prospect?.company });
    case 'deal_registration.outcome_recorded':
      return of(type, { company: data.deal_registration?.prospect?.company, status: data.deal_registration?.status });
    case 'deal_registration.created':
    case 'deal_registration.appealed':
    case 'deal_registration.expired':
    case 'referral.created':
      return of(type, { company: subject?.prospect?.company });
    case 'referral.updated':
      return of(type, { company: data.referral?.prospect?.company }, data.referral);
    case 'commission.earned':
    case 'commission.paid':
      return of(type, { company: data.commission?.company });
    case 'commission.updated':
      return of(type, { company: data.commission?.company }, data.commission);
    case 'page.created':
      return of(data.page?.visibility === 'internal' ? `${type}.draft` : type, { title: data.page?.title });
    case 'page.updated':
      return of(type, { title: data.page?.title }, data.page);
    case 'page.deleted':
      return of(type, { title: data.page?.title });
    case 'faq_entry.created':
    case 'faq_entry.deleted':
      return of(type, { question: data.faq_entry?.question });
    case 'faq_entry.updated':
      return of(type, { question: data.faq_entry?.question }, data.faq_entry);
    case 'faq_entry.feedback_received': {
      const comment = typeof data.feedback?.comment === 'string' ? data.feedback.comment.slice(0, 120) : '';
      return of(`${type}.${data.feedback?.helpful ? 'helpful' : 'unhelpful'}${comment ? '.comment' : ''}`, { question: data.faq_entry?.question, comment });
    }
    case 'request.created':
    case 'request.updated':
    case 'request.sla_breached':
    case 'request.meeting_confirmed': {
      // A request reads by its type and its first text answer (a file's id is no answer to show).
      const first = Object.values(data.request?.values ?? {}).find((v): v is string => typeof v === 'string' && !/^doc_/.test(v));
      const detail = first && first.length > 60 ? `${first.slice(0, 59)}…` : first;
      const params = { type: text(data.request?.type?.name ?? 'request').toLowerCase(), status: data.request?.status, when: text(data.meeting?.starts_at).slice(0, 16).replace('T', ' '), ...(detail ? { detail } : {}) };
      return of(detail ? `${type}.detail` : type, params);
    }
    default:
      // Named by its subject's `name` (customers, projects, folders, milestones, deals, tiers…), or by nothing.
      return of(type, { name: subject?.name });
  }
}

const shownEn = (value: ShortValue | undefined): string => {
  if (value === null || value === undefined) return 'none';
  if (typeof value !== 'string') return String(value);
  // An enum value reads as words: `in_progress` is "in progress".
  if (/^[a-z]+(_[a-z]+)+$/.test(value)) return words(value);
  return value || 'empty';
};

/** "status todo → done, title": short values with their change, long ones by name only. */
const changeEn = ({ field, from, to }: SummaryChange) => {
  const name = FIELD[field] ?? words(field);
  return from !== undefined && to !== undefined ? `${name} ${shownEn(from)} → ${shownEn(to)}` : name;
};

/** The summary in English: the API's `summary` and the CSV export's. */
export function activityEnglish({ key, params, changes }: ActivitySummary): string {
  const template = (params['count'] === 1 ? EN[`${key}.one`] : undefined) ?? EN[key];
  // A kind added later still reads as words, never as its code.
  if (!template) return words(key.replace(/\./g, ' ')).replace(/^./, (c) => c.toUpperCase());
  const line = template
    .replace(/“\{(\w+)\}”/g, (_, name: string) => `“${text(params[name]) || 'untitled'}”`)
    .replace(/\{(\w+)\}/g, (_, name: string) => (ENUM_PARAMS.has(name) ? words(text(params[name])) : text(params[name])))
    .trim();
  return changes.length ? `${line}: ${changes.map(changeEn).join(', ')}` : line;
}

/**
 * One line saying what an event of the log did, in English.
 * @example summarize('task.completed', { task: { title: 'Kick-off call' } }) // 'Completed task “Kick-off call”'
 */
export const summarize = (type: string, data: Subject): string => activityEnglish(describeActivity(type, data));
