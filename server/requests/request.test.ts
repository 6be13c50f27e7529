import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { consumeBatch } from '../events/consumer.js';
import { notificationFanOut } from '../notifications/notification-fanout.js';
import { startWorkers } from '../workers.js';
import { databases, embedToken, type TestApp, type World } from '../test/harness.js';
import type { MailCatcher } from '../test/mail-catcher.js';
import { useMailWorld } from '../test/sign-in.js';
import { upload } from '../test/uploads.js';
import { breachOverdueRequests } from './request-sla.js';

describe.each(databases)('requests on $name', (database) => {
  const env = useMailWorld(database, { webhookAllowPrivate: true });
  let t: TestApp;
  let w: World;
  let mail: MailCatcher;
  let member: { token: string; user_id: string };
  let types: { id: string; name: string; fields: { key: string }[] }[];
  const typeNamed = (name: string) => types.find((x) => x.name === name)!;
  const file = (auth: string, body: object) => t.request('POST', '/v1/requests', { auth, body });
  const count = async (table: 'requests' | 'tasks') => Number((await t.deps.db.selectFrom(table).select(({ fn }) => fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const notificationsOf = (userId: string) => t.deps.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('kind', '=', 'request').execute();

  beforeAll(async () => {
    ({ t, w, mail } = env);
    member = await embedToken(t, w.key, { external_id: 'mo', name: 'Mo Member', role: 'staff', email: 'mo@vendor.test', staff_role: 'member' });
    await t.request('PATCH', `/v1/customers/${w.customerA}`, { auth: w.staff, body: { owner_id: member.user_id } });
    types = (await t.request('GET', '/v1/request-types', { auth: w.contactA })).body.data;
  });

  it('gives every tenant the five default types, which admins alone edit', async () => {
    expect(types.map((x) => x.name)).toEqual(['Quote request', 'Change order', 'Meeting request', 'Support escalation', 'Document request']);
    const body = { name: 'Training session', fields: [{ key: 'topic', label: 'Topic', type: 'text', required: true }, { key: 'size', label: 'Group size', type: 'select', required: false, options: ['1-5', '6-20'] }], sla_hours: 24, assign_to: 'none', task_visibility: 'internal' };
    expect((await t.request('POST', '/v1/request-types', { auth: member.token, body })).body.error.code).toBe('admin_required');
    expect((await t.request('POST', '/v1/request-types', { auth: w.contactA, body })).status).toBe(403);
    const created = await t.request('POST', '/v1/request-types', { auth: w.staff, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^rqt_/), assign_to: 'none', task_visibility: 'internal' });

    const bad = await t.request('POST', '/v1/request-types', { auth: w.staff, body: { ...body, fields: [{ key: 'a', label: 'A', type: 'select', required: true }, { key: 'a', label: 'B', type: 'text', required: false, options: ['x'] }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['fields.0.options', 'fields.1.key', 'fields.1.options']);
    expect((await t.request('POST', '/v1/request-types', { auth: w.staff, body: { ...body, assign_to: w.contactAId } })).body.error.details[0].path).toBe('assign_to');

    const patched = await t.request('PATCH', `/v1/request-types/${created.body.id}`, { auth: w.staff, body: { sla_hours: 8, fields: [...body.fields].reverse() } });
    expect(patched.body).toMatchObject({ sla_hours: 8, fields: [{ key: 'size' }, { key: 'topic' }] });
    expect((await t.request('DELETE', `/v1/request-types/${created.body.id}`, { auth: w.staff })).status).toBe(204);
    expect((await t.request('GET', '/v1/request-types', { auth: w.staff })).body.data.map((x: { id: string }) => x.id)).not.toContain(created.body.id);
    expect((await file(w.contactA, { type_id: created.body.id, values: { topic: 'x' } })).status).toBe(404);
  });

  it('refuses values that do not fit the fields, every failing key at once, and writes nothing', async () => {
    const escalation = typeNamed('Support escalation');
    const otherDoc = (await upload(t, w.contactB, { name: 'b-log.txt', bytes: 'B only' })).body.id;
    const [requests, tasks] = [await count('requests'), await count('tasks')];
    const r = await file(w.contactA, { type_id: escalation.id, values: { severity: 'Apocalyptic', description: '', attachment: otherDoc, colour: 'red' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['values.attachment', 'values.colour', 'values.description', 'values.severity', 'values.summary']);
    const quote = typeNamed('Quote request');
    const r2 = await file(w.contactA, { type_id: quote.id, values: { items: '10 seats', quantity: 'ten', needed_by: '2026-02-30' } });
    expect(r2.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['values.needed_by', 'values.quantity']);
    expect([await count('requests'), await count('tasks')]).toEqual([requests, tasks]);
    // Filing for another customer, or without the capability: refused too.
    expect((await file(w.contactA, { type_id: quote.id, customer_id: w.customerB, values: { items: 'x' } })).status).toBe(404);
    const limited = (await t.request('GET', '/v1/permission-sets', { auth: w.staff })).body.data.find((s: { name: string; portal_type: string }) => s.name === 'Limited access' && s.portal_type === 'customer');
    const luis = await embedToken(t, w.key, { external_id: 'luis-limited', name: 'Luis Limited', role: 'contact' }, { external_id: 'acme' });
    await t.request('PATCH', `/v1/users/${luis.user_id}`, { auth: w.staff, body: { permission_set_id: limited.id } });
    const refused = await file(luis.token, { type_id: quote.id, values: { items: 'x' } });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'capability_required']);
    expect((await t.request('GET', '/v1/requests', { auth: luis.token })).status).toBe(403);
  });

  it('creates the linked task by the type, follows it, and shows each customer only its own', async () => {
    const escalation = typeNamed('Support escalation');
    const doc = (await upload(t, w.contactA, { name: 'error.txt', bytes: 'stack trace' })).body.id;
    const before = Date.now();
    const r = await file(w.contactA, { type_id: escalation.id, values: { summary: 'Login fails', severity: 'Critical', description: 'Since this morning', attachment: doc } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ id: expect.stringMatching(/^req_/), type: { id: escalation.id, name: 'Support escalation' }, status: 'open', customer_id: w.customerA, submitted_by: w.contactAId, sla_breached: false, first_response_at: null, resolved_at: null });
    const due = Date.parse(r.body.due_at);
    expect(due - before).toBeGreaterThanOrEqual(4 * 3_600_000 - 1000);
    expect(due - before).toBeLessThan(4 * 3_600_000 + 60_000);
    const task = (await t.request('GET', `/v1/tasks/${r.body.task_id}`, { auth: w.staff })).body;
    expect(task).toMatchObject({ title: 'Support escalation: Login fails', assignee_ids: [member.user_id], due_date: r.body.due_at.slice(0, 10), visibility: 'portal', created_by: w.contactAId, priority: 'high' });
    expect(task.description).toContain('**Severity:** Critical');

    // The assignee hears of the request (once: not again as "assigned").
    await consumeBatch(t.deps, notificationFanOut, 500);
    expect((await notificationsOf(member.user_id)).map((n) => JSON.parse(n.data).title)).toContain('Ana Silva (Acme Ltd) filed a support escalation “Login fails”');
    expect((await t.deps.db.selectFrom('notifications').select('kind').where('user_id', '=', member.user_id).where('task_id', '=', r.body.task_id).execute()).map((n) => n.kind)).not.toContain('assigned');

    expect((await t.request('GET', `/v1/requests/${r.body.id}`, { auth: w.contactB })).status).toBe(404);
    expect((await t.request('GET', '/v1/requests', { auth: w.contactB })).body.data.map((x: { id: string }) => x.id)).not.toContain(r.body.id);
    expect((await t.request('GET', '/v1/requests', { auth: w.contactA })).body.data.map((x: { id: string }) => x.id)).toContain(r.body.id);

    // A staff comment the customer sees is the first response; the task's status carries the request along.
    await t.request('POST', `/v1/tasks/${r.body.task_id}/comments`, { auth: member.token, body: { body: 'Looking at it', visibility: 'internal' } });
    expect((await t.request('GET', `/v1/requests/${r.body.id}`, { auth: w.staff })).body.first_response_at).toBeNull();
    await t.request('POST', `/v1/tasks/${r.body.task_id}/comments`, { auth: member.token, body: { body: 'We are on it' } });
    const responded = (await t.request('GET', `/v1/requests/${r.body.id}`, { auth: w.staff })).body;
    expect(responded.first_response_at).toEqual(expect.any(String));
    await t.request('PATCH', `/v1/tasks/${r.body.task_id}`, { auth: member.token, body: { status: 'in_progress' } });
    expect((await t.request('GET', `/v1/requests/${r.body.id}`, { auth: w.contactA })).body.status).toBe('in_progress');
    await t.request('PATCH', `/v1/tasks/${r.body.task_id}`, { auth: member.token, body: { status: 'done' } });
    const resolved = (await t.request('GET', `/v1/requests/${r.body.id}`, { auth: w.contactA })).body;
    expect(resolved).toMatchObject({ status: 'resolved', first_response_at: responded.first_response_at, resolved_at: expect.any(String) });
    // The request's own status moves its task back.
    const reopened = await t.request('PATCH', `/v1/requests/${r.body.id}`, { auth: member.token, body: { status: 'open' } });
    expect(reopened.body).toMatchObject({ status: 'open', resolved_at: null });
    expect((await t.request('GET', `/v1/tasks/${r.body.task_id}`, { auth: w.staff })).body.status).toBe('todo');
    expect((await t.request('PATCH', `/v1/requests/${r.body.id}`, { auth: w.contactA, body: { status: 'resolved' } })).status).toBe(403);
    expect((await t.request('PATCH', `/v1/requests/${r.body.id}`, { auth: w.contactA, body: { status: 'canceled' } })).body.status).toBe('canceled');

    const types = (await t.deps.db.selectFrom('events').select('type').where('subject_id', '=', r.body.id).orderBy('id').execute()).map((e) => e.type);
    expect(types[0]).toBe('request.created');
    expect(types.filter((x) => x === 'request.updated').length).toBe(4);
    // The vendor subscribes to them like to the others (messages and approvals among them).
    const hook = await t.request('POST', '/v1/webhook-endpoints', { auth: w.key, body: { url: 'http://127.0.0.1:9/portal', events: ['request.created', 'request.updated', 'request.sla_breached', 'message.created', 'approval.decided'] } });
    expect([hook.status, hook.body.error?.details]).toEqual([201, undefined]);
    const activity = await t.request('GET', `/v1/activity?customer_id=${w.customerA}&limit=200`, { auth: w.staff });
    expect(activity.body.data.map((a: { summary: string }) => a.summary)).toContain('Filed a support escalation “Login fails”');
  });

  it('keeps an internal task from the contact who filed the request', async () => {
    const internal = (await t.request('POST', '/v1/request-types', { auth: w.staff, body: { name: 'Legal review', fields: [{ key: 'what', label: 'What', type: 'text', required: true }], sla_hours: 48, assign_to: w.staffId, task_visibility: 'internal' } })).body;
    const r = await file(w.contactA, { type_id: internal.id, values: { what: 'DPA' } });
    expect(r.status).toBe(201);
    expect(r.body.task_id).toBeNull();
    const staffView = (await t.request('GET', `/v1/requests/${r.body.id}`, { auth: w.staff })).body;
    expect(staffView.task_id).toMatch(/^tsk_/);
    expect((await t.request('GET', `/v1/tasks/${staffView.task_id}`, { auth: w.contactA })).status).toBe(404);
    expect((await t.request('GET', `/v1/tasks/${staffView.task_id}`, { auth: w.staff })).body).toMatchObject({ visibility: 'internal', assignee_ids: [w.staffId] });
    const event = await t.deps.db.selectFrom('events').select(['data', 'visibility']).where('subject_id', '=', r.body.id).where('type', '=', 'request.created').executeTakeFirstOrThrow();
    expect(event.visibility).toBe('portal');
    expect(event.data).not.toContain(staffView.task_id);
    // The contact may withdraw it: the internal task closes as the service.
    expect((await t.request('PATCH', `/v1/requests/${r.body.id}`, { auth: w.contactA, body: { status: 'canceled' } })).body.status).toBe('canceled');
    expect((await t.request('GET', `/v1/tasks/${staffView.task_id}`, { auth: w.staff })).body.status).toBe('done');
  });

  it('marks a request past its SLA breached exactly once, across two workers, and escalates to the owner and the admins', async () => {
    const r = (await file(w.contactA, { type_id: typeNamed('Document request').id, values: { document: 'ISO 27001 certificate' } })).body;
    const resolved = (await file(w.contactA, { type_id: typeNamed('Document request').id, values: { document: 'Already sent' } })).body;
    await t.request('PATCH', `/v1/requests/${resolved.id}`, { auth: w.staff, body: { status: 'resolved' } });
    const past = new Date(Date.now() - 60_000).toISOString();
    await t.deps.db.updateTable('requests').set({ due_at: past }).where('id', 'in', [r.id, resolved.id]).execute();

    // Two worker sets on the same database, and passes racing each other, as two instances would.
    const workers = [startWorkers(t.deps, { pollMs: 50, reminderIntervalMs: 50, emailBatchMs: 0, log: () => {} }), startWorkers(t.deps, { pollMs: 50, reminderIntervalMs: 50, emailBatchMs: 0, log: () => {} })];
    await Promise.all([breachOverdueRequests(t.deps.db), breachOverdueRequests(t.deps.db), breachOverdueRequests(t.deps.db)]);
    // Both escalations notified and the owner's email sent: polled, as a loaded machine takes its time.
    const told = async (userId: string) => (await notificationsOf(userId)).some((n) => JSON.parse(n.data).title.startsWith('SLA missed'));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !((await told(w.staffId)) && (await told(member.user_id)) && mail.messages.some((m) => m.to.includes('sam@vendor.test') && m.text.includes('SLA missed')))) await new Promise((done) => setTimeout(done, 100));
    await Promise.all([breachOverdueRequests(t.deps.db), breachOverdueRequests(t.deps.db)]);
    await Promise.all(workers.map((x) => x.stop()));

    const breaches = await t.deps.db.selectFrom('events').select('subject_id').where('type', '=', 'request.sla_breached').where('subject_id', 'in', [r.id, resolved.id]).execute();
    expect(breaches.map((b) => b.subject_id)).toEqual([r.id]);
    expect((await t.request('GET', `/v1/requests/${r.id}`, { auth: w.contactA })).body.sla_breached).toBe(true);
    expect((await t.request('GET', `/v1/requests/${resolved.id}`, { auth: w.staff })).body.sla_breached).toBe(false);
    const title = 'SLA missed: the document request “ISO 27001 certificate” from Acme Ltd is still open';
    for (const userId of [member.user_id, w.staffId]) expect((await notificationsOf(userId)).filter((n) => JSON.parse(n.data).title === title)).toHaveLength(1);
    expect((await notificationsOf(w.contactAId)).map((n) => JSON.parse(n.data).title)).not.toContain(title);
    // The owner's email comes like every notification's.
    expect(mail.messages.some((m) => m.to.includes('sam@vendor.test') && m.text.includes('SLA missed'))).toBe(true);

    const queue = (await t.request('GET', '/v1/requests?order=sla&status=open,in_progress', { auth: w.staff })).body.data;
    expect(queue[0].id).toBe(r.id);
    expect(queue.every((x: { status: string }) => x.status === 'open' || x.status === 'in_progress')).toBe(true);
    const dues = queue.slice(1).map((x: { due_at: string }) => x.due_at);
    expect(dues).toEqual([...dues].sort());
  }, 90_000);

  it('sends both sides an invitation with an iCalendar attachment when staff confirm a meeting', async () => {
    const r = (await file(w.contactA, { type_id: typeNamed('Meeting request').id, values: { topic: 'Quarterly review', preferred_date: '2026-12-10' } })).body;
    const body = { starts_at: '2026-12-10T14:00:00Z', ends_at: '2026-12-10T15:00:00Z', location: 'Video call' };
    expect((await t.request('POST', `/v1/requests/${r.id}/meeting`, { auth: w.contactA, body })).status).toBe(403);
    expect((await t.request('POST', `/v1/requests/${r.id}/meeting`, { auth: w.staff, body: { ...body, ends_at: '2026-12-10T13:00:00Z' } })).body.error.details[0].path).toBe('ends_at');
    const since = mail.messages.length;
    const confirmed = await t.request('POST', `/v1/requests/${r.id}/meeting`, { auth: w.staff, body });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.meeting).toEqual({ starts_at: '2026-12-10T14:00:00.000Z', ends_at: '2026-12-10T15:00:00.000Z', location: 'Video call' });
    expect(confirmed.body.first_response_at).toEqual(expect.any(String));

    for (const address of ['ana@acme.test', 'sam@vendor.test']) {
      const message = await mail.waitFor((m) => m.to.includes(address) && m.subject.startsWith('Invitation: Quarterly review'), since, 10_000);
      expect(message.calendars).toHaveLength(1);
      const calendar = new ICAL.Component(ICAL.parse(message.calendars[0]!));
      expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
      expect(event.uid).toBe(`${r.id}@portal.test`);
      expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-10T14:00:00.000Z');
      expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-10T15:00:00.000Z');
      expect(event.location).toBe('Video call');
      expect(event.summary).toContain('Quarterly review');
      expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(expect.arrayContaining(['mailto:ana@acme.test', 'mailto:sam@vendor.test']));
    }
  });

  it("writes each side's invitation in its reader's language and date format", async () => {
    const french = await t.request('PATCH', '/v1/me/preferences', { auth: w.contactA, body: { locale: 'fr-FR', date_format: 'DD/MM/YYYY' } });
    expect(french.status).toBe(200);
    try {
      const r = (await file(w.contactA, { type_id: typeNamed('Meeting request').id, values: { topic: 'Revue de lancement', preferred_date: '2026-12-11' } })).body;
      const since = mail.messages.length;
      const body = { starts_at: '2026-12-11T09:30:00Z', ends_at: '2026-12-11T10:00:00Z', location: 'Visio' };
      expect((await t.request('POST', `/v1/requests/${r.id}/meeting`, { auth: w.staff, body })).status).toBe(200);

      const ana = await mail.waitFor((m) => m.to.includes('ana@acme.test') && m.subject.includes('Revue de lancement'), since, 10_000);
      expect(ana.subject).toBe('Invitation\u00a0: Revue de lancement (11/12/2026 09:30 UTC)');
      expect(ana.text).toContain('Bonjour Ana Silva, la réunion est confirmée (Meeting request).');
      expect(ana.text).toContain('11/12/2026 09:30 UTC – 11/12/2026 10:00 UTC, Visio');
      expect(ana.text).toContain('Vous recevez cet e-mail parce que vous participez à cette réunion.');
      expect(ana.html).toContain('<html lang="fr">');
      const calendar = new ICAL.Component(ICAL.parse(ana.calendars[0]!));
      expect(String(calendar.getFirstPropertyValue('prodid'))).toContain('//FR');
      expect(new ICAL.Event(calendar.getFirstSubcomponent('vevent')!).summary).toContain('\u00a0: Revue de lancement');

      // The CSM reads English, as their preferences say.
      const sam = await mail.waitFor((m) => m.to.includes('sam@vendor.test') && m.subject.includes('Revue de lancement'), since, 10_000);
      expect(sam.subject).toBe('Invitation: Revue de lancement (Dec 11, 2026 09:30 UTC)');
      expect(sam.text).toContain('Hello Sam');
      expect(sam.html).toContain('<html lang="en">');
    } finally {
      await t.request('PATCH', '/v1/me/preferences', { auth: w.contactA, body: { locale: 'en', date_format: 'auto' } });
    }
  });

  it('exports a person\'s requests and, on erasure, keeps the requests without what they wrote', async () => {
    const zoe = await embedToken(t, w.key, { external_id: 'zoe', name: 'Zoe Quinn', role: 'contact', email: 'zoe@acme.test' }, { external_id: 'acme' });
    const r = (await file(zoe.token, { type_id: typeNamed('Quote request').id, values: { items: 'Forty seats for Zoe Quinn’s team', quantity: 40 } })).body;
    const exported = await t.request('GET', `/v1/users/${zoe.user_id}/export`, { auth: w.staff });
    expect(exported.status).toBe(200);
    expect((await t.request('DELETE', `/v1/users/${zoe.user_id}?erase=true`, { auth: w.staff })).status).toBe(204);
    const after = (await t.request('GET', `/v1/requests/${r.id}`, { auth: w.staff })).body;
    expect(after.values).toEqual({ items: '[erased]', quantity: 40 });
    const task = (await t.request('GET', `/v1/tasks/${r.task_id}`, { auth: w.staff })).body;
    expect([task.title, task.description]).toEqual(['Quote request: [erased]', '[erased]']);
  });
});
