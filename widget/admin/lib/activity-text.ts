import { msg, str } from '@lit/localize';
import type { DateFormat } from '../../api/api.types.js';
import { milestoneStatusLabel } from '../../components/cp-milestones/milestone-parts.js';
import { commissionStatusLabel, financialKindLabel, financialStatusLabel, referralStatusLabel, registrationStatusLabel } from '../../lib/commercial-labels.js';
import { formatDate, formatNumber, plural } from '../../lib/format.js';
import { getLocale } from '../../lib/localization.js';
import { libraryCategoryLabel, priorityLabel, projectStatusLabel, statusLabel } from '../../lib/labels.js';
import { REQUEST_STATUSES, type RequestStatus } from '../../api/request.types.js';
import { requestStatusLabel } from '../../lib/request-labels.js';
import type { Activity, ActivityChange } from '../api/admin-api.types.js';
import { accessLabel, trendLabel } from './admin-labels.js';

type Params = NonNullable<Activity['summaryParams']>;

/** Fields as a person names them, in their language: the trail never shows a column name. */
const fieldLabel = (field: string): string =>
  ({
    title: msg('title'),
    description: msg('description'),
    status: msg('status'),
    priority: msg('priority'),
    visibility: msg('visibility'),
    name: msg('name'),
    email: msg('email'),
    assignee_ids: msg('assignees'),
    due_date: msg('due date'),
    start_date: msg('start date'),
    project_id: msg('project'),
    milestone_id: msg('milestone'),
    portal_access: msg('portal access'),
    portal_enabled: msg('portal'),
    external_id: msg('your id'),
    permission_set_id: msg('permission set'),
    capability_overrides: msg('permissions'),
    ip_allowlist: msg('allowed networks'),
    portal_type: msg('portal type'),
    owner_id: msg('owner'),
    team_ids: msg('team'),
    staff_role: msg('role'),
    logo_document_id: msg('logo'),
    allowed_origins: msg('allowed pages'),
    email_from: msg('email sender'),
    app_url: msg('app page'),
    amount: msg('amount'),
    stage: msg('stage'),
  })[field] ?? field.replace(/_/g, ' ');

/** An enum value in words of the person's language (from the labels the views already use), lower case as inside a sentence. */
function enumLabel(value: string): string | undefined {
  const labels: ((v: never) => string | undefined)[] = [
    statusLabel,
    priorityLabel,
    projectStatusLabel,
    milestoneStatusLabel,
    accessLabel,
    trendLabel,
    financialKindLabel,
    financialStatusLabel,
    registrationStatusLabel,
    referralStatusLabel,
    commissionStatusLabel,
  ];
  for (const label of labels) {
    const text = label(value as never);
    if (text) return text.charAt(0).toLowerCase() + text.slice(1);
  }
  return ({ portal: msg('shared with the customer'), internal: msg('internal'), changes_requested: msg('changes requested'), canceled: msg('canceled') } as Record<string, string>)[value];
}

/** A changed field's value: a date in the person's format, an enum value in words, a flag as yes or no. */
function valueText(value: ActivityChange['from'], dateFormat: DateFormat): string {
  if (value === null || value === undefined) return msg('none');
  if (typeof value === 'boolean') return value ? msg('yes') : msg('no');
  if (typeof value === 'number') return formatNumber(value);
  if (value === '') return msg('empty');
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, dateFormat);
  return enumLabel(value) ?? (/^[a-z]+(_[a-z]+)+$/.test(value) ? value.replace(/_/g, ' ') : value);
}

/**
 * A meeting's start as the service gives it (`2026-12-08 09:00`, UTC) in the person's date
 * format and their language's time of day, still in UTC (the line says so): never ISO.
 */
function meetingTime(value: string, dateFormat: DateFormat): string {
  const parts = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(value);
  if (!parts) return value;
  const time = new Intl.DateTimeFormat(getLocale(), { timeStyle: 'short', timeZone: 'UTC' }).format(new Date(`${parts[1]}T${parts[2]}:00Z`));
  return `${formatDate(parts[1]!, dateFormat)} ${time}`;
}

const changeText = ({ field, from, to }: ActivityChange, dateFormat: DateFormat) =>
  from !== undefined && to !== undefined ? `${fieldLabel(field)} ${valueText(from, dateFormat)} → ${valueText(to, dateFormat)}` : fieldLabel(field);

/** The line of a key in the person's language; undefined for a key this page does not know yet. */
function line(key: string, p: Params, dateFormat: DateFormat): string | undefined {
  const q = (name: string) => String(p[name] ?? '') || msg('untitled');
  const title = q('title');
  const name = q('name');
  const company = q('company');
  const subject = q('subject');
  const number = q('number');
  const question = q('question');
  const comment = String(p['comment'] ?? '');
  const id = String(p['id'] ?? '');
  const count = Number(p['count'] ?? 0);
  // A request: its type's name as the vendor wrote it, its first answer, its status in words.
  const kind = String(p['type'] ?? '');
  const detail = q('detail');
  const when = meetingTime(String(p['when'] ?? ''), dateFormat);
  const requestStatus = () => {
    const status = String(p['status'] ?? '') as RequestStatus;
    return REQUEST_STATUSES.includes(status) ? requestStatusLabel(status).toLowerCase() : status.replace(/_/g, ' ');
  };
  const word = (param: string) => enumLabel(String(p[param] ?? '')) ?? String(p[param] ?? '').replace(/_/g, ' ');
  const lines: Record<string, () => string> = {
    'task.created': () => msg(str`Created task “${title}”`),
    'task.updated': () => msg(str`Updated task “${title}”`),
    'task.completed': () => msg(str`Completed task “${title}”`),
    'task.deleted': () => msg(str`Deleted task ${id}`),
    'task.due_soon': () => msg(str`Reminded that “${title}” is due soon`),
    'task.overdue': () => msg(str`Reminded that “${title}” is overdue`),
    'comment.created': () => msg(str`Commented on “${title}”`),
    'comment.updated': () => msg(str`Changed who sees a comment on “${title}”`),
    'document.created': () => msg(str`Uploaded “${name}”`),
    'document.created.library': () => msg(str`Published “${name}” to the library (${libraryCategoryLabel(String(p['category'] ?? ''))})`),
    'document.deleted': () => msg(str`Deleted document ${id}`),
    'document.deleted.library': () => msg(str`Retired “${name}” from the library`),
    'document.version_created': () => msg(str`Uploaded version ${String(p['version'] ?? '')} of “${name}”`),
    'document.updated': () => msg(str`Updated document “${name}”`),
    'document.downloaded': () => msg(str`Downloaded “${name}”`),
    'document.downloaded.version': () => msg(str`Downloaded “${name}” (version ${String(p['version'] ?? '')})`),
    'document.previewed': () => msg(str`Previewed “${name}”`),
    'folder.created': () => msg(str`Created folder “${name}”`),
    'folder.updated': () => msg(str`Updated folder “${name}”`),
    'folder.deleted': () => msg(str`Deleted folder ${id}`),
    'project.created': () => msg(str`Created project “${name}”`),
    'project.updated': () => msg(str`Updated project “${name}”`),
    'project.members_updated': () => msg('Changed the members of a project'),
    'customer.created': () => msg(str`Added customer “${name}”`),
    'customer.updated': () => msg(str`Updated customer “${name}”`),
    'customer.engagement_changed': () => msg(str`Engagement became ${word('trend')} (score ${formatNumber(Number(p['score'] ?? 0))})`),
    'user.created.staff': () => msg(str`Added team member “${name}”`),
    'user.created.contact': () => msg(str`Added contact “${name}”`),
    'user.updated': () => msg(str`Updated “${name}”`),
    'user.invited': () => msg(str`Invited “${name}”`),
    'user.signed_in.sso': () => msg('Signed in with the company account'),
    'user.signed_in.email': () => msg('Signed in with an email link'),
    'user.signed_out': () => msg('Signed out'),
    'user.signed_out.everywhere': () =>
      plural(count, { one: msg(str`Signed out everywhere (${formatNumber(count)} session)`), other: msg(str`Signed out everywhere (${formatNumber(count)} sessions)`) }),
    'user.signed_out.replaced': () => msg('Signed in again in the same browser'),
    'user.signed_out.ended': () => plural(count, { one: msg(str`Ended ${formatNumber(count)} session`), other: msg(str`Ended ${formatNumber(count)} sessions`) }),
    'user.erased': () => msg(str`Erased the personal data of ${id}`),
    'user.transferred': () => msg(str`Moved “${name}” to another customer`),
    'user.exported': () => msg(str`Exported everything held about ${id}`),
    'user.mfa_enabled': () => msg('Turned on two-step sign-in'),
    'user.mfa_disabled': () => msg('Turned off two-step sign-in'),
    'user.mfa_disabled.reset': () => msg(str`Reset the two-step sign-in of “${name}” (lost authenticator)`),
    'access_request.created': () => msg(str`“${name}” of “${company}” asked for access`),
    'access_request.decided.approved': () => msg(str`Approved the access request of “${name}”`),
    'access_request.decided.rejected': () => msg(str`Rejected the access request of “${name}”`),
    'user.mfa_locked': () => msg('Locked out of code entry after too many wrong codes'),
    'milestone.created': () => msg(str`Created milestone “${name}”`),
    'milestone.updated': () => msg(str`Updated milestone “${name}”`),
    'milestone.deleted': () => msg(str`Deleted milestone ${id}`),
    'milestone.status_changed': () => msg(str`Milestone “${name}” became ${word('status')}`),
    'goal.created': () => msg(str`Created goal “${title}”`),
    'goal.updated': () => msg(str`Updated goal “${title}”`),
    'goal.deleted': () => msg(str`Deleted goal “${title}”`),
    'goal.progress_recorded': () => msg(str`Recorded ${String(p['amount'] ?? '')} on goal “${title}”`),
    'goal.progress_recorded.note': () => msg(str`Added a note to goal “${title}”`),
    'branding.updated': () => msg('Changed the branding'),
    'settings.updated': () => msg('Changed the settings'),
    'permission_set.created': () => msg(str`Created permission set “${name}”`),
    'permission_set.updated': () => msg(str`Updated permission set “${name}”`),
    'permission_set.deleted': () => msg('Deleted a permission set'),
    'thread.created': () => msg(str`Opened thread “${subject}”`),
    'message.created': () => msg(str`Wrote in “${subject}”`),
    'message.created.internal': () => msg(str`Wrote an internal note in “${subject}”`),
    'message.read': () => msg('Read a thread'),
    'approval.requested': () => msg(str`Requested approval of “${title}”`),
    'approval.decided.approved': () => msg(str`Approved “${title}”`),
    'approval.decided.rejected': () => msg(str`Rejected “${title}”`),
    'approval.decided.changes_requested': () => msg(str`Asked for changes to “${title}”`),
    'approval.decided': () => msg(str`Decided on “${title}”`),
    'approval.completed': () => msg(str`Approval of “${title}” ended: ${word('status')}`),
    'approval.canceled': () => msg(str`Canceled the approval of “${title}”`),
    'tenant.tokens_revoked': () => msg('Signed everyone out (tokens revoked)'),
    'deal.created': () => msg(str`Created deal “${name}”`),
    'deal.updated': () => msg(str`Updated deal “${name}”`),
    'deal.note_added': () => msg(str`Added a note to deal “${name}”`),
    'deal.note_added.internal': () => msg(str`Added an internal note to deal “${name}”`),
    'financial_document.created': () => msg(str`Added ${word('kind')} “${number}”`),
    'financial_document.updated': () => msg(str`Updated ${word('kind')} “${number}”`),
    'financial_document.accepted': () => msg(str`Accepted quote “${number}”`),
    'financial_document.declined': () => msg(str`Declined quote “${number}”`),
    'deal_registration.created': () => msg(str`Registered a deal for “${company}”`),
    'deal_registration.decided.approved': () => msg(str`Approved the registration of “${company}”`),
    'deal_registration.decided.rejected': () => msg(str`Rejected the registration of “${company}”`),
    'deal_registration.appealed': () => msg(str`Appealed the rejection of “${company}”`),
    'deal_registration.expired': () => msg(str`Protection ended for “${company}”`),
    'deal_registration.outcome_recorded': () => msg(str`Marked the registration of “${company}” ${word('status')}`),
    'referral.created': () => msg(str`Referred “${company}”`),
    'referral.updated': () => msg(str`Updated the referral of “${company}”`),
    'commission.earned': () => msg(str`Commission earned on “${company}”`),
    'commission.updated': () => msg(str`Updated the commission on “${company}”`),
    'commission.paid': () => msg(str`Paid the commission on “${company}”`),
    'partner_tier.created': () => msg(str`Created partner tier “${name}”`),
    'partner_tier.updated': () => msg(str`Updated partner tier “${name}”`),
    'partner_tier.deleted': () => msg(str`Deleted partner tier “${name}”`),
    'page.created': () => msg(str`Published page “${title}”`),
    'page.created.draft': () => msg(str`Wrote page “${title}” as a draft`),
    'page.updated': () => msg(str`Updated page “${title}”`),
    'page.deleted': () => msg(str`Deleted page “${title}”`),
    'faq_entry.created': () => msg(str`Added FAQ entry “${question}”`),
    'faq_entry.updated': () => msg(str`Updated FAQ entry “${question}”`),
    'faq_entry.deleted': () => msg(str`Deleted FAQ entry “${question}”`),
    'faq_entry.feedback_received.helpful': () => msg(str`Found FAQ entry “${question}” helpful`),
    'faq_entry.feedback_received.unhelpful': () => msg(str`Found FAQ entry “${question}” not helpful`),
    'faq_entry.feedback_received.helpful.comment': () => msg(str`Found FAQ entry “${question}” helpful: “${comment}”`),
    'faq_entry.feedback_received.unhelpful.comment': () => msg(str`Found FAQ entry “${question}” not helpful: “${comment}”`),
    'request_type.created': () => msg(str`Created request type “${name}”`),
    'request_type.updated': () => msg(str`Updated request type “${name}”`),
    'request_type.deleted': () => msg(str`Retired request type “${name}”`),
    'request.created': () => msg(str`Filed a ${kind}`),
    'request.created.detail': () => msg(str`Filed a ${kind} “${detail}”`),
    'request.updated': () => msg(str`Marked the ${kind} as ${requestStatus()}`),
    'request.updated.detail': () => msg(str`Marked the ${kind} “${detail}” as ${requestStatus()}`),
    'request.sla_breached': () => msg(str`Missed the SLA of the ${kind}`),
    'request.sla_breached.detail': () => msg(str`Missed the SLA of the ${kind} “${detail}”`),
    'request.meeting_confirmed': () => msg(str`Confirmed a meeting on ${when} UTC for the ${kind}`),
    'request.meeting_confirmed.detail': () => msg(str`Confirmed a meeting on ${when} UTC for the ${kind} “${detail}”`),
  };
  return lines[key]?.().trim();
}

/**
 * An entry of the audit trail in the person's language: the line of its key with its values,
 * then the fields a change touched. A key newer than this page reads as the service's English
 * line (which never shows a code either).
 * @example activityText(entry, 'DD/MM/YYYY') // "A modifié la tâche « Configurer le SSO » : statut À faire → Terminé"
 */
export function activityText(entry: Activity, dateFormat: DateFormat = 'auto'): string {
  const text = entry.summaryKey ? line(entry.summaryKey, entry.summaryParams ?? {}, dateFormat) : undefined;
  if (text === undefined) return entry.summary;
  const changes = entry.summaryChanges ?? [];
  return changes.length ? msg(str`${text}: ${changes.map((c) => changeText(c, dateFormat)).join(', ')}`) : text;
}
