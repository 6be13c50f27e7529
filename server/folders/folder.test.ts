import { describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { download, upload } from '../test/uploads.js';

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id);

describe.each(databases)('folders on $name', (database) => {
  const env = useWorld(database);
  const folder = async (auth: string, body: object) => {
    const r = await env.t.request('POST', '/v1/folders', { auth, body });
    expect(r.status).toBe(201);
    return r.body;
  };
  const patch = (auth: string, id: string, body: object) => env.t.request('PATCH', `/v1/folders/${id}`, { auth, body });

  it('nests folders per customer, with counts of what the caller sees', async () => {
    const { t, w } = env;
    const contracts = await folder(w.staff, { customer_id: w.customerA, name: 'Contracts' });
    expect(contracts).toMatchObject({ customer_id: w.customerA, parent_id: null, name: 'Contracts', visibility: 'portal', document_count: 0, folder_count: 0 });
    expect(contracts.id).toMatch(/^fld_/);
    const signed = await folder(w.staff, { parent_id: contracts.id, name: 'Signed' });
    expect(signed.customer_id).toBe(w.customerA);
    await folder(w.staff, { parent_id: contracts.id, name: 'Drafts (team)', visibility: 'internal' });
    await upload(t, w.staff, { name: 'msa.txt', bytes: 'master agreement' }, { customer_id: w.customerA, folder_id: contracts.id });
    // The folder names the customer.
    const notes = await upload(t, w.staff, { name: 'notes.txt', bytes: 'team notes' }, { folder_id: contracts.id, visibility: 'internal' });
    expect(notes.body).toMatchObject({ customer_id: w.customerA, folder_id: contracts.id });

    const asStaff = await t.request('GET', `/v1/folders/${contracts.id}`, { auth: w.staff });
    expect(asStaff.body).toMatchObject({ document_count: 2, folder_count: 2 });
    const asContact = await t.request('GET', `/v1/folders/${contracts.id}`, { auth: w.contactA });
    expect(asContact.body).toMatchObject({ document_count: 1, folder_count: 1 });
    const inside = await t.request('GET', `/v1/documents?folder_id=${contracts.id}`, { auth: w.contactA });
    expect(inside.body.data.map((d: { name: string }) => d.name)).toEqual(['msa.txt']);
    const top = await t.request('GET', `/v1/folders?parent_id=root&customer_id=${w.customerA}`, { auth: w.staff });
    expect(ids(top)).toContain(contracts.id);
    expect(ids(top)).not.toContain(signed.id);
    expect((await t.request('GET', `/v1/folders/${contracts.id}`, { auth: w.contactB })).status).toBe(404);
  });

  it('hides everything inside an internal folder from contacts, by every path', async () => {
    const { t, w } = env;
    const team = await folder(w.staff, { customer_id: w.customerA, name: 'Account plan', visibility: 'internal' });
    const below = await folder(w.staff, { parent_id: team.id, name: 'Shared by mistake', visibility: 'portal' });
    const deeper = await folder(w.staff, { parent_id: below.id, name: 'Deeper' });
    const doc = await upload(t, w.staff, { name: 'plan.txt', bytes: 'renewal plan' }, { customer_id: w.customerA, folder_id: deeper.id });
    expect(doc.status).toBe(201);
    expect(doc.body.visibility).toBe('portal');

    for (const id of [team.id, below.id, deeper.id]) expect((await t.request('GET', `/v1/folders/${id}`, { auth: w.contactA })).status).toBe(404);
    const listed = await t.request('GET', '/v1/folders?limit=200', { auth: w.contactA });
    expect(ids(listed)).not.toEqual(expect.arrayContaining([team.id]));
    for (const id of [team.id, below.id, deeper.id]) expect(ids(listed)).not.toContain(id);
    expect((await t.request('GET', `/v1/documents/${doc.body.id}`, { auth: w.contactA })).status).toBe(404);
    expect((await download(t, w.contactA, `/v1/documents/${doc.body.id}/content`)).status).toBe(404);
    expect(ids(await t.request('GET', '/v1/documents?limit=200', { auth: w.contactA }))).not.toContain(doc.body.id);
    expect((await upload(t, w.contactA, { name: 'x.txt', bytes: 'x' }, { folder_id: below.id })).status).toBe(404);
    const events = await t.deps.db.selectFrom('events').select('visibility').where('subject_id', 'in', [team.id, below.id, deeper.id, doc.body.id]).execute();
    expect(events.every((e) => e.visibility === 'internal')).toBe(true);

    // Shared: the whole branch appears.
    expect((await patch(w.staff, team.id, { visibility: 'portal' })).status).toBe(200);
    expect((await t.request('GET', `/v1/documents/${doc.body.id}`, { auth: w.contactA })).status).toBe(200);
    expect((await t.request('GET', `/v1/folders/${deeper.id}`, { auth: w.contactA })).status).toBe(200);
  });

  it('moves folders and documents, refusing cycles and other customers', async () => {
    const { t, w } = env;
    const a = await folder(w.staff, { customer_id: w.customerA, name: 'A' });
    const b = await folder(w.staff, { parent_id: a.id, name: 'B' });
    const c = await folder(w.staff, { parent_id: b.id, name: 'C' });
    const hidden = await folder(w.staff, { customer_id: w.customerA, name: 'Hidden', visibility: 'internal' });
    const globex = await folder(w.staff, { customer_id: w.customerB, name: 'Globex' });

    const cycle = await patch(w.staff, a.id, { parent_id: c.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details).toEqual([{ path: 'parent_id', message: 'would make a cycle' }]);
    expect((await patch(w.staff, a.id, { parent_id: a.id })).status).toBe(400);
    expect((await patch(w.staff, a.id, { parent_id: globex.id })).status).toBe(400);
    expect((await t.request('POST', '/v1/folders', { auth: w.staff, body: { customer_id: w.customerA, parent_id: globex.id, name: 'x' } })).status).toBe(400);

    // Moving B (and C with it) under the internal folder hides both; moving it back shows them.
    expect((await patch(w.staff, b.id, { parent_id: hidden.id })).status).toBe(200);
    expect((await t.request('GET', `/v1/folders/${c.id}`, { auth: w.contactA })).status).toBe(404);
    const back = await patch(w.staff, b.id, { parent_id: null, name: 'B, renamed' });
    expect(back.body).toMatchObject({ parent_id: null, name: 'B, renamed' });
    expect((await t.request('GET', `/v1/folders/${c.id}`, { auth: w.contactA })).status).toBe(200);
    // The old parent can now move below its former child.
    expect((await patch(w.staff, a.id, { parent_id: c.id })).status).toBe(200);

    const doc = await upload(t, w.staff, { name: 'brief.txt', bytes: 'brief' }, { customer_id: w.customerA });
    const moved = await t.request('PATCH', `/v1/documents/${doc.body.id}`, { auth: w.staff, body: { folder_id: c.id } });
    expect(moved.body.folder_id).toBe(c.id);
    expect((await t.request('PATCH', `/v1/documents/${doc.body.id}`, { auth: w.staff, body: { folder_id: globex.id } })).status).toBe(400);
    expect((await t.request('PATCH', `/v1/documents/${doc.body.id}`, { auth: w.staff, body: { folder_id: null } })).body.folder_id).toBeNull();
  });

  it('lets contacts keep their own folders, never internal ones, and deletes only empty folders', async () => {
    const { t, w } = env;
    const mine = await folder(w.contactA, { name: 'From Acme' });
    expect(mine).toMatchObject({ customer_id: w.customerA, visibility: 'portal', created_by: w.contactAId });
    expect((await t.request('POST', '/v1/folders', { auth: w.contactA, body: { name: 'Secret', visibility: 'internal' } })).status).toBe(403);
    expect((await t.request('POST', '/v1/folders', { auth: w.contactA, body: { name: 'Theirs', customer_id: w.customerB } })).status).toBe(404);
    const staffs = await folder(w.staff, { customer_id: w.customerA, name: 'From the team' });
    expect((await patch(w.contactA, staffs.id, { name: 'Mine now' })).status).toBe(403);
    expect((await patch(w.contactA, mine.id, { visibility: 'internal' })).status).toBe(403);

    const doc = await upload(t, w.contactA, { name: 'po.txt', bytes: 'purchase order' }, { folder_id: mine.id });
    expect(doc.body.folder_id).toBe(mine.id);
    const full = await t.request('DELETE', `/v1/folders/${mine.id}`, { auth: w.contactA });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('folder_not_empty');
    expect((await t.request('DELETE', `/v1/documents/${doc.body.id}`, { auth: w.contactA })).status).toBe(204);
    expect((await t.request('DELETE', `/v1/folders/${mine.id}`, { auth: w.contactA })).status).toBe(204);
    expect((await t.request('GET', `/v1/folders/${mine.id}`, { auth: w.staff })).status).toBe(404);
    const types = await t.deps.db.selectFrom('events').select(['type', 'visibility']).where('subject_id', '=', mine.id).orderBy('id').execute();
    expect(types).toEqual([
      { type: 'folder.created', visibility: 'portal' },
      { type: 'folder.deleted', visibility: 'portal' },
    ]);
  });
});
