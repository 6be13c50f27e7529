import ical, { ICalCalendarMethod } from 'ical-generator';
import { formatCalendarDate } from '../../contract/dates.js';
import type { Principal } from '../auth/principal.js';
import type { Deps } from '../context.js';
import { brandOf, renderBrandedEmail } from '../email/branded-email.js';
import { wordsFor, type Words } from '../notifications/notification-words.js';
import { findTenant } from '../tenants/tenant.repository.js';
import { readPreferences, type Preferences } from '../users/preferences.js';
import type { RequestView } from './request.schema.js';
import { getRequest } from './request.repository.js';

interface Person {
  id: string;
  name: string;
  email: string | null;
}

/** What the meeting is about: the topic the person wrote, else the request type's name. */
const topicOf = (request: RequestView) => (typeof request.values.topic === 'string' ? request.values.topic : request.type.name);

/**
 * The invitation of a confirmed meeting as an iCalendar `REQUEST` (RFC 5545/5546): one event
 * whose UID is the request's, so a second confirmation (a new slot) updates the same entry in
 * the attendees' calendars instead of adding another. Written in `words`' language (its title).
 * @example const ics = meetingCalendar(request, tenantName, organizer, attendees, publicUrl, wordsFor('fr'));
 */
export function meetingCalendar(request: RequestView, tenantName: string, organizer: Person, attendees: readonly Person[], host: string, words: Words): string {
  const meeting = request.meeting!;
  const calendar = ical({ name: tenantName, method: ICalCalendarMethod.REQUEST, prodId: { company: 'customer-portal', product: 'requests', language: words.lang.toUpperCase() } });
  calendar.createEvent({
    id: `${request.id}@${host}`,
    sequence: Math.floor(Date.parse(request.updated_at) / 1000) % 2_147_483_647,
    start: new Date(meeting.starts_at),
    end: new Date(meeting.ends_at),
    summary: words.colon(tenantName, topicOf(request)),
    description: `${request.type.name} (${request.id})`,
    location: meeting.location,
    organizer: { name: organizer.name, email: organizer.email ?? `no-reply@${host}` },
    attendees: attendees.filter((a) => a.email).map((a) => ({ name: a.name, email: a.email!, rsvp: true })),
  });
  return calendar.toString();
}

/** A moment in the reader's date format and language, its time in UTC (the invitation's own time zone). */
const when = (iso: string, reader: Pick<Preferences, 'date_format' | 'locale'>) => `${formatCalendarDate(iso.slice(0, 10), reader.date_format, reader.locale)} ${iso.slice(11, 16)} UTC`;

/**
 * Sends the invitation of a request's confirmed meeting to both sides: the person who filed it
 * and the team (the one who confirmed, and the assignees of its task), each email with the
 * `.ics` attached, in that person's language and date format as their notifications are.
 * Runs after the confirmation is committed.
 */
export async function sendMeetingInvitations(deps: Deps, principal: Principal, requestId: string): Promise<void> {
  const request = await getRequest(deps.db, { kind: 'system', tenantId: principal.tenantId }, requestId);
  const tenant = await findTenant(deps.db, principal.tenantId);
  if (!request.meeting || !tenant) return;
  const assignees = request.task_id ? (await deps.db.selectFrom('task_assignees').select('user_id').where('task_id', '=', request.task_id).execute()).map((a) => a.user_id) : [];
  const ids = [...new Set([request.submitted_by, principal.kind === 'staff' ? principal.userId : null, ...assignees].filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return;
  const people = await deps.db.selectFrom('users').select(['id', 'name', 'email', 'role', 'preferences']).where('id', 'in', ids).where('tenant_id', '=', tenant.id).where('portal_access', '=', 'active').execute();
  const organizer = people.find((p) => p.id === (principal.kind === 'staff' ? principal.userId : null)) ?? people.find((p) => p.role === 'staff') ?? { id: '', name: tenant.name, email: null };
  const host = new URL(deps.config.publicUrl).hostname;
  const brand = brandOf(tenant, deps.config.publicUrl);
  const meeting = request.meeting;
  const topic = topicOf(request);
  for (const person of people) {
    if (!person.email) continue;
    const reader = readPreferences(person.preferences);
    const words = wordsFor(reader.locale);
    const slot = `${when(meeting.starts_at, reader)} – ${when(meeting.ends_at, reader)}${meeting.location ? `, ${meeting.location}` : ''}`;
    const content = renderBrandedEmail(brand, {
      intro: words.meeting.intro(person.name, words.request(request.type.name, null)),
      items: [{ title: topic, body: slot, link: brand.taskLink(person.role === 'staff' ? request.task_id : null), linkLabel: words.email.openPortal }],
      footer: words.meeting.footer,
      words,
    });
    await deps.mailer.send({
      to: person.email,
      subject: words.meeting.subject(topic, when(meeting.starts_at, reader)),
      fromName: brand.fromName,
      ...content,
      attachments: [{ filename: 'invite.ics', content: meetingCalendar(request, tenant.name, organizer, people, host, words), contentType: 'text/calendar; charset=utf-8; method=REQUEST' }],
    });
  }
}
