import { describe, expect, it, beforeAll } from 'vitest';
import { consumeBatch } from '../../events/consumer.js';
import { notificationFanOut } from '../../notifications/notification-fanout.js';
import { databases, embedToken } from '../../test/harness.js';
import { useWorld } from '../../test/suite.js';
import { upload } from '../../test/uploads.js';

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id);

describe.each(databases)('deal threads and the co-selling workspace on $name', (database) => {
  const env = useWorld(database);
  let rep: { token: string; user_id: string };
  let partner: { token: string; user_id: string; customer_id: string };
  let colleague: { token: string; user_id: string };
  let rival: { token: string; user_id: string; customer_id: string };

  const makePartner = async (external: string, name: string) => {
    const { t, w } = env;
    const p = await embedToken(t, w.key, { external_id: `${external}-rep`, name: `${name} rep`, role: 'contact' }, { external_id: external, name });
    expect((await t.request('PATCH', `/v1/customers/${p.customer_id}`, { auth: w.key, body: { portal_type: 'partner' } })).status).toBe(200);
    return p as { token: string; user_id: string; customer_id: string };
  };
  const notified = async (userId: string) => {
    const { t } = env;
    while ((await consumeBatch(t.deps, notificationFanOut, 500)) > 0);
    return t.deps.db.selectFrom('notifications').select(['kind', 'thread_id']).where('user_id', '=', userId).execute();
  };

  beforeAll(async () => {
    const { t, w } = env;
    rep = await embedToken(t, w.key, { external_id: 'rita', name: 'Rita Rep', role: 'staff', email: 'rita@vendor.test' });
    partner = await makePartner('channel-1', 'Channel Co');
    colleague = await embedToken(t, w.key, { external_id: 'channel-1-ops', name: 'Ops at Channel', role: 'contact' }, { external_id: 'channel-1' });
    rival = await makePartner('channel-2', 'Rival Reseller');
  });

  it("opens a deal's one thread on first use, between who may see the deal and the team; the rep hears of each message", async () => {
    const { t, w } = env;
    const deal = await t.request('POST', '/v1/deals', { auth: w.staff, body: { customer_id: w.customerA, name: 'Acme renewal', stage: 'Proposal', stages: ['Proposal', 'Signed'], value: 100_000, currency: 'EUR', owner_id: rep.user_id } });
    expect(deal.status).toBe(201);
    const first = await t.request('POST', '/v1/threads', { auth: w.contactA, body: { deal_id: deal.body.id } });
    expect([first.status, first.body]).toEqual([201, expect.objectContaining({ customer_id: w.customerA, deal_id: deal.body.id, subject: 'Acme renewal', general: false })]);
    const again = await t.request('POST', '/v1/threads', { auth: w.staff, body: { deal_id: deal.body.id, customer_id: w.customerA } });
    expect([again.status, again.body.id]).toEqual([200, first.body.id]);
    expect(ids(await t.request('GET', `/v1/threads?deal_id=${deal.body.id}`, { auth: w.contactA }))).toEqual([first.body.id]);

    // Another customer's deal: absent, however it is asked.
    expect((await t.request('POST', '/v1/threads', { auth: w.contactB, body: { deal_id: deal.body.id } })).status).toBe(404);
    expect((await t.request('GET', `/v1/threads/${first.body.id}`, { auth: w.contactB })).status).toBe(404);
    expect((await t.request('POST', '/v1/threads', { auth: w.staff, body: { deal_id: deal.body.id, customer_id: w.customerB } })).status).toBe(400);

    const hello = await t.request('POST', `/v1/threads/${first.body.id}/messages`, { auth: w.contactA, body: { body: 'Can we sign by Friday?' } });
    expect(hello.status).toBe(201);
    expect(await notified(rep.user_id)).toEqual([{ kind: 'message', thread_id: first.body.id }]);
    const note = await t.request('POST', `/v1/threads/${first.body.id}/messages`, { auth: w.staff, body: { body: 'Legal is slow, push back', visibility: 'internal' } });
    const reply = await t.request('POST', `/v1/threads/${first.body.id}/messages`, { auth: rep.token, body: { body: 'Friday works' } });
    expect((await notified(rep.user_id)).length).toBe(2);
    expect(ids(await t.request('GET', `/v1/threads/${first.body.id}/messages`, { auth: w.contactA }))).toEqual([reply.body.id, hello.body.id]);
    expect(ids(await t.request('GET', `/v1/threads/${first.body.id}/messages`, { auth: w.staff }))).toEqual([reply.body.id, note.body.id, hello.body.id]);

    // Without deals.view the deal's thread is gone for the contact, everywhere.
    await t.request('PATCH', `/v1/users/${w.contactAId}`, { auth: w.key, body: { capability_overrides: { 'deals.view': false } } });
    try {
      expect(ids(await t.request('GET', '/v1/threads', { auth: w.contactA }))).not.toContain(first.body.id);
      expect((await t.request('GET', `/v1/threads/${first.body.id}/messages`, { auth: w.contactA })).status).toBe(404);
      expect((await t.request('POST', '/v1/threads', { auth: w.contactA, body: { deal_id: deal.body.id } })).status).toBe(404);
    } finally {
      await t.request('PATCH', `/v1/users/${w.contactAId}`, { auth: w.key, body: { capability_overrides: {} } });
    }

    // An internal deal's thread reaches no contact.
    const secret = await t.request('POST', '/v1/deals', { auth: w.staff, body: { customer_id: w.customerA, name: 'Upsell idea', stage: 'Idea', stages: ['Idea'], value: 1, currency: 'EUR', visibility: 'internal' } });
    expect((await t.request('POST', '/v1/threads', { auth: w.contactA, body: { deal_id: secret.body.id } })).status).toBe(404);
    const staffThread = await t.request('POST', '/v1/threads', { auth: w.staff, body: { deal_id: secret.body.id } });
    expect(staffThread.status).toBe(201);
    expect(ids(await t.request('GET', '/v1/threads', { auth: w.contactA }))).not.toContain(staffThread.body.id);
  });

  it('gives an approved registration a workspace of tasks, files and notes that only its partner and the team see', async () => {
    const { t, w } = env;
    const r = await t.request('POST', '/v1/deal-registrations', {
      auth: partner.token,
      body: { prospect: { company: 'Northwind', contact_name: 'Pat', email: 'pat@northwind.test' }, estimated_value: 500_000, currency: 'EUR' },
    });
    const early = await t.request('GET', `/v1/deal-registrations/${r.body.id}/workspace`, { auth: partner.token });
    expect([early.status, early.body.error.code]).toEqual([409, 'no_workspace']);
    const approved = await t.request('POST', `/v1/deal-registrations/${r.body.id}/decision`, { auth: w.staff, body: { decision: 'approved', reason: 'Go' } });
    const dealId: string = approved.body.deal_id;

    const workspace = await t.request('GET', `/v1/deal-registrations/${r.body.id}/workspace`, { auth: partner.token });
    expect(workspace.status).toBe(200);
    expect(workspace.body).toMatchObject({ registration_id: r.body.id, deal_id: dealId, thread: { deal_id: dealId, customer_id: partner.customer_id, subject: 'Northwind' }, tasks: { open: 0, done: 0 }, documents: 0 });
    const threadId: string = workspace.body.thread.id;

    const task = await t.request('POST', '/v1/tasks', { auth: partner.token, body: { deal_id: dealId, title: 'Book the demo with Pat' } });
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ deal_id: dealId, customer_id: partner.customer_id, visibility: 'portal' });
    const internalTask = await t.request('POST', '/v1/tasks', { auth: w.staff, body: { deal_id: dealId, title: 'Check the partner margin', visibility: 'internal' } });
    const file = await upload(t, partner.token, { name: 'plan.txt', bytes: 'account plan' }, { deal_id: dealId });
    expect(file.status).toBe(201);
    expect(file.body.deal_id).toBe(dealId);
    const note = await t.request('POST', `/v1/threads/${threadId}/messages`, { auth: partner.token, body: { body: 'Pat wants a demo' } });
    const staffNote = await t.request('POST', `/v1/threads/${threadId}/messages`, { auth: w.staff, body: { body: 'They asked us directly too', visibility: 'internal' } });

    expect(ids(await t.request('GET', `/v1/tasks?deal_id=${dealId}`, { auth: partner.token }))).toEqual([task.body.id]);
    expect(ids(await t.request('GET', `/v1/tasks?deal_id=${dealId}`, { auth: w.staff }))).toEqual([task.body.id, internalTask.body.id]);
    expect(ids(await t.request('GET', `/v1/documents?deal_id=${dealId}`, { auth: colleague.token }))).toEqual([file.body.id]);
    expect(ids(await t.request('GET', `/v1/threads/${threadId}/messages`, { auth: colleague.token }))).toEqual([note.body.id]);
    expect(ids(await t.request('GET', `/v1/threads/${threadId}/messages`, { auth: w.staff }))).toEqual([staffNote.body.id, note.body.id]);
    expect((await t.request('GET', `/v1/deal-registrations/${r.body.id}/workspace`, { auth: partner.token })).body).toMatchObject({ tasks: { open: 1, done: 0 }, documents: 1 });
    expect((await t.request('GET', `/v1/deal-registrations/${r.body.id}/workspace`, { auth: w.staff })).body).toMatchObject({ tasks: { open: 2, done: 0 }, documents: 1 });

    // Another partner: 404 for the workspace, nothing in lists, no writing into it.
    expect((await t.request('GET', `/v1/deal-registrations/${r.body.id}/workspace`, { auth: rival.token })).status).toBe(404);
    expect((await t.request('GET', `/v1/tasks?deal_id=${dealId}`, { auth: rival.token })).body.data).toEqual([]);
    expect((await t.request('GET', `/v1/documents?deal_id=${dealId}`, { auth: rival.token })).body.data).toEqual([]);
    expect((await t.request('GET', `/v1/threads/${threadId}`, { auth: rival.token })).status).toBe(404);
    expect((await t.request('POST', '/v1/tasks', { auth: rival.token, body: { deal_id: dealId, title: 'Poach' } })).status).toBe(404);
    expect((await upload(t, rival.token, { name: 'x.txt', bytes: 'x' }, { deal_id: dealId })).status).toBe(404);
    // A customer's contact holds no partner capability.
    const customer = await t.request('GET', `/v1/deal-registrations/${r.body.id}/workspace`, { auth: w.contactA });
    expect([customer.status, customer.body.error]).toEqual([403, expect.objectContaining({ code: 'capability_required', details: { capability: 'partner.cosell' } })]);
    expect((await t.request('GET', `/v1/tasks/${task.body.id}`, { auth: w.contactA })).status).toBe(404);

    // The partner's colleague without partner.cosell: 403 on the workspace, its work hidden everywhere.
    await t.request('PATCH', `/v1/users/${colleague.user_id}`, { auth: w.key, body: { capability_overrides: { 'partner.cosell': false } } });
    const refused = await t.request('GET', `/v1/deal-registrations/${r.body.id}/workspace`, { auth: colleague.token });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'capability_required']);
    expect(ids(await t.request('GET', '/v1/tasks', { auth: colleague.token }))).not.toContain(task.body.id);
    expect((await t.request('GET', `/v1/documents/${file.body.id}`, { auth: colleague.token })).status).toBe(404);
    expect(ids(await t.request('GET', '/v1/threads', { auth: colleague.token }))).not.toContain(threadId);
    expect((await t.request('POST', '/v1/tasks', { auth: colleague.token, body: { deal_id: dealId, title: 'No' } })).status).toBe(404);

    // The workspace's changes are the usual events, carrying the deal.
    const events = await t.deps.db.selectFrom('events').select(['type', 'data', 'visibility']).where('subject_id', 'in', [task.body.id, file.body.id, note.body.id]).execute();
    expect(events.map((e) => e.type).sort()).toEqual(['document.created', 'message.created', 'task.created']);
    expect(events.map((e) => JSON.parse(e.data)).map((d) => d.task?.deal_id ?? d.document?.deal_id ?? d.thread?.deal_id)).toEqual([dealId, dealId, dealId]);
  });

  it('refuses bad deal scopes with clear errors and writes nothing', async () => {
    const { t, w } = env;
    const deal = await t.request('POST', '/v1/deals', { auth: w.staff, body: { customer_id: w.customerA, name: 'Scope', stage: 'A', stages: ['A'], value: 1, currency: 'EUR' } });
    const mismatch = await t.request('POST', '/v1/tasks', { auth: w.staff, body: { deal_id: deal.body.id, customer_id: w.customerB, title: 'x' } });
    expect([mismatch.status, mismatch.body.error.details[0].path]).toEqual([400, 'deal_id']);
    expect((await t.request('POST', '/v1/tasks', { auth: w.staff, body: { deal_id: 'del_nope', title: 'x' } })).status).toBe(404);
    const logo = await upload(t, w.staff, { name: 'x.txt', bytes: 'x' }, { deal_id: deal.body.id, library_category: 'collateral' });
    expect([logo.status, logo.body.error.details[0].path]).toEqual([400, 'library_category']);
    const noSubject = await t.request('POST', '/v1/threads', { auth: w.staff, body: { customer_id: w.customerA } });
    expect([noSubject.status, noSubject.body.error.details[0].path]).toEqual([400, 'subject']);
    const internal = await t.request('POST', '/v1/threads', { auth: w.staff, body: { deal_id: deal.body.id, visibility: 'internal' } });
    expect(internal.status).toBe(400);
    expect((await t.request('GET', `/v1/tasks?deal_id=${deal.body.id}`, { auth: w.staff })).body.data).toEqual([]);
  });
});
