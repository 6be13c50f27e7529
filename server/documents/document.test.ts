import { beforeAll, describe, expect, it } from 'vitest';
import { databases, type TestApp, type World } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { PNG_1PX, download, upload } from '../test/uploads.js';

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id);

describe.each(databases)('documents on $name', (database) => {
  const env = useWorld(database);

  let t: TestApp;
  let w: World;
  let portalTask: string;
  let internalTask: string;
  let taskB: string;

  beforeAll(async () => {
    ({ t, w } = env);
    const task = async (body: object) => (await t.request('POST', '/v1/tasks', { auth: w.staff, body })).body.id as string;
    portalTask = await task({ title: 'Send the SSO metadata', customer_id: w.customerA });
    internalTask = await task({ title: 'Renewal risk', customer_id: w.customerA, visibility: 'internal' });
    taskB = await task({ title: 'Globex kick-off', customer_id: w.customerB });
  });

  it('lets a contact upload to its own customer, always portal, and shows the uploader', async () => {
    const r = await upload(t, w.contactA, { name: 'metadata.xml.txt', bytes: 'entity id: acme\n', type: 'text/plain' }, { task_id: portalTask });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      customer_id: w.customerA,
      task_id: portalTask,
      name: 'metadata.xml.txt',
      content_type: 'text/plain',
      size: 16,
      visibility: 'portal',
      uploaded_by: w.contactAId,
      uploader: { id: w.contactAId, name: 'Ana Silva' },
    });
    expect(r.body.id).toMatch(/^doc_[0-9A-Za-z]{22}$/);
    expect(r.body.sha256).toMatch(/^[0-9a-f]{64}$/);

    const own = await upload(t, w.contactA, { name: 'notes.txt', bytes: 'no task' });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ customer_id: w.customerA, task_id: null, visibility: 'portal' });
  });

  it('refuses what a contact may not do: internal, another customer, hidden tasks, tenant files', async () => {
    const file = { name: 'x.txt', bytes: 'x' };
    expect((await upload(t, w.contactA, file, { visibility: 'internal' })).status).toBe(403);
    expect((await upload(t, w.contactA, file, { purpose: 'logo' })).status).toBe(403);
    expect((await upload(t, w.contactA, file, { task_id: taskB })).status).toBe(404);
    expect((await upload(t, w.contactA, file, { task_id: internalTask })).status).toBe(404);
    expect((await upload(t, w.contactA, file, { customer_id: w.customerB })).status).toBe(404);
    expect((await upload(t, w.otherTenantKey, file, { customer_id: w.customerA })).status).toBe(404);
    expect((await upload(t, w.deactivated, file)).status).toBe(401);
    expect((await t.request('POST', '/v1/documents', { body: new FormData() })).status).toBe(401);
  });

  it('validates the upload in the contract shape', async () => {
    const noCustomer = await upload(t, w.staff, { name: 'x.txt', bytes: 'x' });
    expect(noCustomer.status).toBe(400);
    expect(noCustomer.body.error.details).toEqual([{ path: 'customer_id', message: 'required without task_id' }]);
    const unknownField = await upload(t, w.staff, { name: 'x.txt', bytes: 'x' }, { customer_id: w.customerA, colour: 'red' });
    expect(unknownField.status).toBe(400);
    const empty = await upload(t, w.staff, { name: 'x.txt', bytes: '' }, { customer_id: w.customerA });
    expect(empty.status).toBe(400);
    const noFile = new FormData();
    noFile.set('customer_id', w.customerA);
    expect((await t.request('POST', '/v1/documents', { auth: w.staff, body: noFile })).status).toBe(400);
    const json = await t.request('POST', '/v1/documents', { auth: w.staff, body: { customer_id: w.customerA } });
    expect(json.status).toBe(415);
    const mismatch = await upload(t, w.staff, { name: 'x.txt', bytes: 'x' }, { task_id: taskB, customer_id: w.customerA });
    expect(mismatch.status).toBe(400);
  });

  it('never shows internal documents, or documents of internal tasks, to a contact', async () => {
    const internal = await upload(t, w.staff, { name: 'renewal-forecast.txt', bytes: 'churn risk: high' }, { customer_id: w.customerA, visibility: 'internal' });
    const onInternalTask = await upload(t, w.key, { name: 'renewal-notes.txt', bytes: 'discount 20%' }, { task_id: internalTask });
    const portal = await upload(t, w.staff, { name: 'renewal-guide.txt', bytes: 'how renewals work' }, { customer_id: w.customerA });
    expect([internal.status, onInternalTask.status, portal.status]).toEqual([201, 201, 201]);
    expect(internal.body.visibility).toBe('internal');

    for (const id of [internal.body.id, onInternalTask.body.id]) {
      expect((await t.request('GET', `/v1/documents/${id}`, { auth: w.contactA })).status).toBe(404);
      expect((await download(t, w.contactA, `/v1/documents/${id}/content`)).status).toBe(404);
      expect((await t.request('DELETE', `/v1/documents/${id}`, { auth: w.contactA })).status).toBe(404);
      expect((await t.request('GET', `/v1/documents/${id}`, { auth: w.staff })).status).toBe(200);
    }
    const listed = ids(await t.request('GET', '/v1/documents?limit=200', { auth: w.contactA }));
    expect(listed).toContain(portal.body.id);
    expect(listed).not.toContain(internal.body.id);
    expect(listed).not.toContain(onInternalTask.body.id);
    const search = await t.request('GET', '/v1/documents?q=renewal', { auth: w.contactA });
    expect(ids(search)).toEqual([portal.body.id]);
    const byTask = await t.request('GET', `/v1/documents?task_id=${internalTask}`, { auth: w.contactA });
    expect(byTask.body.data).toEqual([]);
    const staffSearch = await t.request('GET', '/v1/documents?q=renewal', { auth: w.staff });
    expect(ids(staffSearch).sort()).toEqual([internal.body.id, onInternalTask.body.id, portal.body.id].sort());
  });

  it('keeps each customer, and each tenant, to its own documents', async () => {
    const b = await upload(t, w.contactB, { name: 'globex-plan.txt', bytes: 'plan' }, { task_id: taskB });
    expect(b.status).toBe(201);
    expect((await t.request('GET', `/v1/documents/${b.body.id}`, { auth: w.contactA })).status).toBe(404);
    expect((await download(t, w.contactA, `/v1/documents/${b.body.id}/content`)).status).toBe(404);
    expect(ids(await t.request('GET', '/v1/documents?limit=200', { auth: w.contactA }))).not.toContain(b.body.id);
    expect((await t.request('GET', `/v1/documents/${b.body.id}`, { auth: w.otherTenantKey })).status).toBe(404);
    expect((await t.request('GET', '/v1/documents', { auth: w.otherTenantKey })).body.data).toEqual([]);
    expect((await t.request('GET', `/v1/documents/${b.body.id}`, { auth: w.deactivated })).status).toBe(401);
    expect((await t.request('GET', '/v1/documents')).status).toBe(401);
    const byCustomer = await t.request('GET', `/v1/documents?customer_id=${w.customerB}`, { auth: w.key });
    expect(ids(byCustomer)).toEqual([b.body.id]);
  });

  it('lists newest first, page by page', async () => {
    const created: string[] = [];
    // Each in a millisecond of its own: rows of one millisecond are listed in id order.
    for (const n of [1, 2, 3]) {
      created.push((await upload(t, w.staff, { name: `page-${n}.txt`, bytes: `page ${n}` }, { customer_id: w.customerB })).body.id);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const first = await t.request('GET', '/v1/documents?q=page&limit=2', { auth: w.staff });
    expect(ids(first)).toEqual([created[2], created[1]]);
    const second = await t.request('GET', `/v1/documents?q=page&limit=2&cursor=${first.body.next_cursor}`, { auth: w.staff });
    expect(ids(second)).toEqual([created[0]]);
    expect(second.body.next_cursor).toBeNull();
  });

  it('lets the uploader, staff and API keys delete, and no other contact', async () => {
    const mine = await upload(t, w.contactA, { name: 'mine.txt', bytes: 'mine' });
    const staffs = await upload(t, w.staff, { name: 'staffs.txt', bytes: 'staffs' }, { customer_id: w.customerA });
    expect((await t.request('DELETE', `/v1/documents/${staffs.body.id}`, { auth: w.contactA })).status).toBe(403);
    expect((await t.request('DELETE', `/v1/documents/${mine.body.id}`, { auth: w.contactB })).status).toBe(404);
    expect((await t.request('DELETE', `/v1/documents/${mine.body.id}`, { auth: w.otherTenantKey })).status).toBe(404);
    expect((await t.request('DELETE', `/v1/documents/${mine.body.id}`, { auth: w.deactivated })).status).toBe(401);
    expect((await t.request('DELETE', `/v1/documents/${mine.body.id}`)).status).toBe(401);
    expect((await t.request('DELETE', `/v1/documents/${mine.body.id}`, { auth: w.contactA })).status).toBe(204);
    expect((await t.request('DELETE', `/v1/documents/${staffs.body.id}`, { auth: w.staff })).status).toBe(204);
    for (const id of [mine.body.id, staffs.body.id]) {
      expect((await t.request('GET', `/v1/documents/${id}`, { auth: w.key })).status).toBe(404);
      expect((await download(t, w.key, `/v1/documents/${id}/content`)).status).toBe(404);
    }
  });

  it('frees the bytes of a deleted task\'s attachments, unless another document holds them', async () => {
    const doomed = (await t.request('POST', '/v1/tasks', { auth: w.staff, body: { title: 'Doomed', customer_id: w.customerA } })).body.id;
    const only = await upload(t, w.staff, { name: 'only-here.txt', bytes: 'unique bytes of the doomed task' }, { task_id: doomed });
    const shared = await upload(t, w.staff, { name: 'shared.txt', bytes: 'bytes two documents hold' }, { task_id: doomed });
    const keeper = await upload(t, w.staff, { name: 'shared-copy.txt', bytes: 'bytes two documents hold' }, { customer_id: w.customerA });
    expect((await t.request('DELETE', `/v1/tasks/${doomed}`, { auth: w.staff })).status).toBe(204);
    expect((await t.request('GET', `/v1/documents/${only.body.id}`, { auth: w.staff })).status).toBe(404);
    expect(await t.deps.blobs.exists(only.body.sha256)).toBe(false);
    expect(await t.deps.blobs.exists(shared.body.sha256)).toBe(true);
    expect((await download(t, w.staff, `/v1/documents/${keeper.body.id}/content`)).status).toBe(200);
  });

  it('lets the team rename a document and share it or take it back, and no one else', async () => {
    const doc = (await upload(t, w.staff, { name: 'pricing-draft.txt', bytes: 'draft prices' }, { customer_id: w.customerA, visibility: 'internal' })).body.id;
    const patch = (auth: string, body: object) => t.request('PATCH', `/v1/documents/${doc}`, { auth, body });
    expect((await t.request('GET', `/v1/documents/${doc}`, { auth: w.contactA })).status).toBe(404);
    const shared = await patch(w.staff, { visibility: 'portal', name: 'pricing.txt' });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ id: doc, visibility: 'portal', name: 'pricing.txt' });
    expect((await t.request('GET', `/v1/documents/${doc}`, { auth: w.contactA })).body.name).toBe('pricing.txt');
    expect((await patch(w.contactA, { name: 'mine.txt' })).status).toBe(403);
    expect((await patch(w.otherTenantKey, { visibility: 'internal' })).status).toBe(404);
    expect((await patch(w.staff, {})).status).toBe(400);
    expect((await patch(w.key, { visibility: 'internal' })).body.visibility).toBe('internal');
    expect((await t.request('GET', `/v1/documents/${doc}`, { auth: w.contactA })).status).toBe(404);
    const logo = (await upload(t, w.staff, { name: 'logo.png', bytes: PNG_1PX }, { purpose: 'logo' })).body.id;
    expect((await t.request('PATCH', `/v1/documents/${logo}`, { auth: w.staff, body: { visibility: 'portal' } })).status).toBe(400);
  });

  it('records document events with the visibility a contact would have', async () => {
    const internal = await upload(t, w.staff, { name: 'event-internal.txt', bytes: 'i' }, { customer_id: w.customerA, visibility: 'internal' });
    const portal = await upload(t, w.staff, { name: 'event-portal.txt', bytes: 'p' }, { task_id: portalTask });
    await t.request('DELETE', `/v1/documents/${portal.body.id}`, { auth: w.staff });
    const events = await t.deps.db
      .selectFrom('events')
      .select(['type', 'subject_id', 'visibility', 'customer_id', 'task_id', 'data'])
      .where('subject_id', 'in', [internal.body.id, portal.body.id])
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.type, e.subject_id, e.visibility])).toEqual([
      ['document.created', internal.body.id, 'internal'],
      ['document.created', portal.body.id, 'portal'],
      ['document.deleted', portal.body.id, 'portal'],
    ]);
    expect(JSON.parse(events[1]!.data)).toEqual({ document: portal.body });
    expect(JSON.parse(events[2]!.data)).toEqual({ document: { id: portal.body.id, task_id: portalTask, customer_id: w.customerA } });
    expect(events[1]!.task_id).toBe(portalTask);
  });

  it('keeps tenant files (a logo) to the vendor\'s team', async () => {
    const logo = await upload(t, w.staff, { name: 'logo.png', bytes: PNG_1PX }, { purpose: 'logo' });
    expect(logo.status).toBe(201);
    expect(logo.body).toMatchObject({ customer_id: null, task_id: null, content_type: 'image/png', visibility: 'internal' });
    expect(ids(await t.request('GET', '/v1/documents?limit=200', { auth: w.contactA }))).not.toContain(logo.body.id);
    expect((await t.request('GET', `/v1/documents/${logo.body.id}`, { auth: w.contactA })).status).toBe(404);
    expect((await t.request('GET', `/v1/documents/${logo.body.id}`, { auth: w.key })).status).toBe(200);
    const notImage = await upload(t, w.key, { name: 'logo.svg', bytes: '<svg xmlns="http://www.w3.org/2000/svg"/>', type: 'image/svg+xml' }, { purpose: 'logo' });
    expect(notImage.status).toBe(415);
    const withCustomer = await upload(t, w.key, { name: 'logo.png', bytes: PNG_1PX }, { purpose: 'logo', customer_id: w.customerA });
    expect(withCustomer.status).toBe(400);
  });
});
