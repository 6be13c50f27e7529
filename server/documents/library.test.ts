import { describe, expect, it } from 'vitest';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { download, upload, uploadForm } from '../test/uploads.js';

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id);

describe.each(databases)('the resources library on $name', (database) => {
  const env = useWorld(database);
  const publish = (fields: Record<string, string>, name = 'guide.txt', auth = env.w.staff) => upload(env.t, auth, { name, bytes: `the ${name}` }, fields);

  it('publishes to every customer of a portal type, counts downloads for the team, and retires', async () => {
    const { t, w } = env;
    const guide = await publish({ library_category: 'training' }, 'onboarding-guide.txt');
    expect(guide.status).toBe(201);
    expect(guide.body).toMatchObject({ customer_id: null, task_id: null, library_category: 'training', portal_type: 'customer', visibility: 'portal', downloads: 0 });
    const deck = await publish({ library_category: 'Collateral', portal_type: 'partner' }, 'partner-deck.txt');
    expect(deck.body).toMatchObject({ library_category: 'collateral', portal_type: 'partner' });
    const draft = await publish({ library_category: 'training', visibility: 'internal' }, 'draft.txt');

    // Both customers' contacts see the customer library, not the partner one nor the draft.
    for (const contact of [w.contactA, w.contactB]) {
      const list = await t.request('GET', '/v1/library', { auth: contact });
      expect(list.status).toBe(200);
      expect(ids(list)).toEqual([guide.body.id]);
      expect(list.body.data[0].downloads).toBeUndefined();
    }
    expect((await t.request('GET', `/v1/documents/${deck.body.id}`, { auth: w.contactA })).status).toBe(404);
    expect((await t.request('GET', `/v1/documents/${draft.body.id}`, { auth: w.contactA })).status).toBe(404);
    // Not in a customer's own documents list (the library has its own).
    expect(ids(await t.request('GET', '/v1/documents', { auth: w.contactA }))).not.toContain(guide.body.id);
    // Another tenant sees none of it.
    expect(ids(await t.request('GET', '/v1/library', { auth: w.otherTenantKey }))).toEqual([]);
    expect((await download(t, w.otherTenantKey, `/v1/documents/${guide.body.id}/content`)).status).toBe(404);

    // The team sees all of it, by category and audience.
    expect(ids(await t.request('GET', '/v1/library', { auth: w.staff })).sort()).toEqual([guide.body.id, deck.body.id, draft.body.id].sort());
    expect(ids(await t.request('GET', '/v1/library?category=collateral', { auth: w.staff }))).toEqual([deck.body.id]);
    expect(ids(await t.request('GET', '/v1/library?portal_type=partner', { auth: w.key }))).toEqual([deck.body.id]);
    expect((await t.request('GET', '/v1/library?portal_type=partner', { auth: w.contactA })).status).toBe(403);

    // Downloads: each GET that sends the bytes counts; a revalidation (304) does not.
    const first = await download(t, w.contactA, `/v1/documents/${guide.body.id}/content`);
    expect(first.status).toBe(200);
    expect(first.bytes.toString()).toBe('the onboarding-guide.txt');
    expect((await download(t, w.contactB, `/v1/documents/${guide.body.id}/content`)).status).toBe(200);
    expect((await download(t, w.contactB, `/v1/documents/${guide.body.id}/content`, { 'if-none-match': first.headers.get('etag')! })).status).toBe(304);
    expect((await t.request('GET', `/v1/documents/${guide.body.id}`, { auth: w.staff })).body.downloads).toBe(2);

    // A new version is the team's to publish; a contact who reads it may not replace it.
    const replaced = await t.request('POST', `/v1/documents/${guide.body.id}/versions`, { auth: w.contactA, body: uploadForm({ name: 'mine.txt', bytes: 'not the vendor\'s' }) });
    expect(replaced.status).toBe(403);
    const v2 = await t.request('POST', `/v1/documents/${guide.body.id}/versions`, { auth: w.staff, body: uploadForm({ name: 'onboarding-guide.txt', bytes: 'the onboarding guide, v2' }) });
    expect([v2.status, v2.body.version, v2.body.library_category]).toEqual([201, 2, 'training']);

    // Publishing the draft, moving a document to another category.
    const shared = await t.request('PATCH', `/v1/documents/${draft.body.id}`, { auth: w.staff, body: { visibility: 'portal', library_category: 'templates' } });
    expect(shared.status).toBe(200);
    expect(ids(await t.request('GET', '/v1/library?category=templates', { auth: w.contactA }))).toEqual([draft.body.id]);

    // Retiring: gone for everyone, the event log keeps it (for the team).
    expect((await t.request('DELETE', `/v1/documents/${guide.body.id}`, { auth: w.contactA })).status).toBe(403);
    expect((await t.request('DELETE', `/v1/documents/${guide.body.id}`, { auth: w.staff })).status).toBe(204);
    expect(ids(await t.request('GET', '/v1/library', { auth: w.contactA }))).toEqual([draft.body.id]);
    expect((await download(t, w.contactA, `/v1/documents/${guide.body.id}/content`)).status).toBe(404);
    const events = await t.deps.db.selectFrom('events').select(['type', 'visibility', 'customer_id']).where('subject_id', '=', guide.body.id).orderBy('id').execute();
    // Every event of it is the team's: created, the two downloads' audit rows, the new version, deleted.
    expect(events.map((e) => e.type)).toEqual(['document.created', 'document.downloaded', 'document.downloaded', 'document.version_created', 'document.deleted']);
    expect(events.every((e) => e.visibility === 'internal' && e.customer_id === null)).toBe(true);
  });

  it('opens the partner library to partners holding partner.library', async () => {
    const { t, w } = env;
    const deck = await publish({ library_category: 'collateral', portal_type: 'partner' }, 'co-sell-deck.txt');
    const forCustomers = await publish({ library_category: 'technical' }, 'api-guide.txt');
    const partner = await embedToken(t, w.key, { external_id: 'pia', name: 'Pia Partner', role: 'contact' }, { external_id: 'reseller', name: 'Reseller Co' });
    expect((await t.request('PATCH', `/v1/customers/${partner.customer_id}`, { auth: w.key, body: { portal_type: 'partner' } })).status).toBe(200);
    const list = await t.request('GET', '/v1/library?limit=200', { auth: partner.token });
    expect(list.status).toBe(200);
    expect(ids(list)).toContain(deck.body.id);
    expect(ids(list)).not.toContain(forCustomers.body.id);
    expect((await download(t, partner.token, `/v1/documents/${deck.body.id}/content`)).status).toBe(200);

    // Without partner.library: the list is refused, the item is not found.
    await t.request('PATCH', `/v1/users/${partner.user_id}`, { auth: w.key, body: { capability_overrides: { 'partner.library': false } } });
    const refused = await t.request('GET', '/v1/library', { auth: partner.token });
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([403, 'capability_required', { capability: 'partner.library' }]);
    expect((await t.request('GET', `/v1/documents/${deck.body.id}`, { auth: partner.token })).status).toBe(404);

    // Without documents.view: no library at all, for a customer's contact either.
    await t.request('PATCH', `/v1/users/${w.contactAId}`, { auth: w.key, body: { capability_overrides: { 'documents.view': false } } });
    const none = await t.request('GET', '/v1/library', { auth: w.contactA });
    expect([none.status, none.body.error.details]).toEqual([403, { capability: 'documents.view' }]);
    expect((await t.request('GET', `/v1/documents/${forCustomers.body.id}`, { auth: w.contactA })).status).toBe(404);
    await t.request('PATCH', `/v1/users/${w.contactAId}`, { auth: w.key, body: { capability_overrides: {} } });
  });

  it('refuses bad input with a 4xx and writes nothing', async () => {
    const { t, w } = env;
    const before = ids(await t.request('GET', '/v1/library?limit=200', { auth: w.staff })).length;
    const cases: [Record<string, string>, number, string][] = [
      [{ library_category: 'training', customer_id: w.customerA }, 400, 'customer_id'],
      [{ library_category: 'training', purpose: 'logo' }, 400, 'purpose'],
      [{ library_category: 'not a slug!' }, 400, 'library_category'],
      [{ library_category: 'training', portal_type: 'vendor' }, 400, 'portal_type'],
      [{ portal_type: 'partner', customer_id: w.customerA }, 400, 'portal_type'],
      [{ library_category: 'training', folder_id: 'fld_nothere' }, 400, 'folder_id'],
    ];
    for (const [fields, status, path] of cases) {
      const r = await publish(fields);
      expect([fields, r.status, r.body.error.details.map((d: { path: string }) => d.path)]).toEqual([fields, status, [path]]);
    }
    // A contact may not publish.
    const contact = await publish({ library_category: 'training' }, 'mine.txt', w.contactA);
    expect([contact.status, contact.body.error.code]).toEqual([403, 'forbidden_field']);
    // A customer's document has no category.
    const own = await upload(t, w.staff, { name: 'a.txt', bytes: 'a' }, { customer_id: w.customerA });
    const patch = await t.request('PATCH', `/v1/documents/${own.body.id}`, { auth: w.staff, body: { library_category: 'training' } });
    expect([patch.status, patch.body.error.details[0].path]).toEqual([400, 'library_category']);
    expect(ids(await t.request('GET', '/v1/library?limit=200', { auth: w.staff })).length).toBe(before);
  });
});
