import { describe, expect, it } from 'vitest';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { PNG_1PX, upload } from '../test/uploads.js';

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id);

describe.each(databases)('pages on $name', (database) => {
  const env = useWorld(database);
  const create = (body: Record<string, unknown>, auth = env.w.staff) => env.t.request('POST', '/v1/pages', { auth, body });

  it('publishes to every customer of a portal type or to one customer; drafts and others stay hidden', async () => {
    const { t, w } = env;
    const everyone = await create({ title: 'How we work together', body: 'Hello **all**', pinned: true });
    expect(everyone.status).toBe(201);
    expect(everyone.body).toMatchObject({ customer_id: null, portal_type: 'customer', visibility: 'portal', pinned: true, welcome: false });
    const forA = await create({ title: 'Acme rollout plan', body: 'Only for Acme', customer_id: w.customerA });
    expect(forA.body).toMatchObject({ customer_id: w.customerA, portal_type: 'customer' });
    const draft = await create({ title: 'Draft', body: 'not yet', visibility: 'internal' });
    const partners = await create({ title: 'Partner playbook', body: 'for resellers', portal_type: 'partner' });

    expect(ids(await t.request('GET', '/v1/pages', { auth: w.contactA })).sort()).toEqual([everyone.body.id, forA.body.id].sort());
    expect(ids(await t.request('GET', '/v1/pages', { auth: w.contactB }))).toEqual([everyone.body.id]);
    for (const hidden of [forA, draft, partners]) expect((await t.request('GET', `/v1/pages/${hidden.body.id}`, { auth: w.contactB })).status).toBe(404);
    expect(ids(await t.request('GET', '/v1/pages', { auth: w.otherTenantKey }))).toEqual([]);
    expect(ids(await t.request('GET', '/v1/pages?pinned=true', { auth: w.contactA }))).toEqual([everyone.body.id]);
    // The team sees everything and filters by audience.
    expect(ids(await t.request('GET', '/v1/pages?customer_id=none&portal_type=partner', { auth: w.staff }))).toEqual([partners.body.id]);
    expect((await t.request('GET', '/v1/pages?customer_id=none', { auth: w.contactA })).status).toBe(403);

    // A partner's contacts read the partner pages only.
    const partner = await embedToken(t, w.key, { external_id: 'pia-pages', name: 'Pia Partner', role: 'contact' }, { external_id: 'reseller-pages', name: 'Reseller' });
    await t.request('PATCH', `/v1/customers/${partner.customer_id}`, { auth: w.key, body: { portal_type: 'partner' } });
    expect(ids(await t.request('GET', '/v1/pages', { auth: partner.token }))).toEqual([partners.body.id]);
    // A customer's page takes the customer's portal type.
    expect((await create({ title: 'x', body: 'y', customer_id: partner.customer_id, portal_type: 'customer' })).status).toBe(400);

    // Writes are the team's.
    expect((await create({ title: 'Mine', body: 'x' }, w.contactA)).status).toBe(403);
    expect((await t.request('PATCH', `/v1/pages/${everyone.body.id}`, { auth: w.contactA, body: { title: 'x' } })).status).toBe(403);
    expect((await create({ title: 'x', body: 'y', customer_id: 'cus_nope' })).status).toBe(404);

    // Publishing the draft, unpinning, deleting.
    const published = await t.request('PATCH', `/v1/pages/${draft.body.id}`, { auth: w.staff, body: { visibility: 'portal', title: 'Now live' } });
    expect(published.body).toMatchObject({ visibility: 'portal', title: 'Now live' });
    expect((await t.request('GET', `/v1/pages/${draft.body.id}`, { auth: w.contactB })).body.title).toBe('Now live');
    expect((await t.request('DELETE', `/v1/pages/${draft.body.id}`, { auth: w.staff })).status).toBe(204);
    expect((await t.request('GET', `/v1/pages/${draft.body.id}`, { auth: w.staff })).status).toBe(404);

    // Events: a customer's page is heard by that customer; tenant-wide pages are the team's.
    const events = await t.deps.db.selectFrom('events').select(['type', 'visibility', 'customer_id', 'subject_id']).where('type', 'like', 'page.%').orderBy('id').execute();
    expect(events.find((e) => e.subject_id === forA.body.id)).toMatchObject({ type: 'page.created', visibility: 'portal', customer_id: w.customerA });
    expect(events.filter((e) => e.subject_id === draft.body.id).map((e) => e.type)).toEqual(['page.created', 'page.updated', 'page.deleted']);
    const activity = await t.request('GET', '/v1/activity?limit=200', { auth: w.staff });
    expect(activity.body.data.map((r: { summary: string }) => r.summary)).toContain('Published page “How we work together”');
  });

  it('has one welcome page per audience, a customer’s before the tenant-wide one', async () => {
    const { t, w } = env;
    const first = await create({ title: 'Welcome!', body: 'Start here', welcome: true });
    const second = await create({ title: 'Welcome, again', body: 'Start here instead', welcome: true });
    expect((await t.request('GET', `/v1/pages/${first.body.id}`, { auth: w.staff })).body.welcome).toBe(false);
    expect(ids(await t.request('GET', '/v1/pages?welcome=true', { auth: w.contactB }))).toEqual([second.body.id]);
    const acme = await create({ title: 'Welcome, Acme', body: 'Your own', customer_id: w.customerA, welcome: true });
    expect(ids(await t.request('GET', '/v1/pages?welcome=true', { auth: w.contactA }))).toEqual([acme.body.id, second.body.id]);
    expect((await t.request('GET', `/v1/pages/${second.body.id}`, { auth: w.staff })).body.welcome).toBe(true);
  });

  it('embeds images by document id and videos from the allow-list only; keeps script as text', async () => {
    const { t, w } = env;
    const logo = await upload(t, w.staff, { name: 'diagram.png', bytes: PNG_1PX, type: 'image/png' }, { library_category: 'training' });
    expect(logo.status).toBe(201);
    const acmeFile = await upload(t, w.staff, { name: 'acme.png', bytes: PNG_1PX, type: 'image/png' }, { customer_id: w.customerA });
    const video = [
      `![The flow](${logo.body.id})`,
      '![Tour](https://www.youtube.com/watch?v=dQw4w9WgXcQ)',
      '![Demo](https://vimeo.com/76979871)',
      '![Walkthrough](https://www.loom.com/share/0123456789abcdef0123456789abcdef)',
      '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" frameborder="0" allowfullscreen></iframe>',
      '<script>alert(1)</script>',
    ].join('\n\n');
    const guide = await create({ title: 'Process guide', body: video });
    expect(guide.status).toBe(201);
    // The pasted embed code became the markdown form; the script is kept as text (the renderer never runs it).
    expect(guide.body.body).toContain('![Video](https://www.youtube.com/embed/dQw4w9WgXcQ)');
    expect(guide.body.body).not.toContain('<iframe');
    expect(guide.body.body).toContain('<script>alert(1)</script>');

    const count = async () => (await t.deps.db.selectFrom('pages').select('id').execute()).length;
    const before = await count();
    for (const body of [
      '![x](https://evil.test/pixel.png)',
      '![x](https://www.youtube.com.evil.test/watch?v=dQw4w9WgXcQ)',
      '<iframe src="https://evil.test/embed"></iframe>',
      '<object data="https://evil.test/x.swf"></object>',
      '![x](javascript:alert(1))',
    ]) {
      const refused = await create({ title: 'Bad', body });
      expect(refused.status, body).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
    }
    // A customer's file on a tenant-wide page would show it to every customer.
    expect((await create({ title: 'Leaky', body: `![a](${acmeFile.body.id})` })).status).toBe(400);
    expect((await create({ title: 'Acme only', body: `![a](${acmeFile.body.id})`, customer_id: w.customerA })).status).toBe(201);
    expect((await create({ title: 'Other tenant', body: `![a](${logo.body.id})` }, w.otherTenantKey)).status).toBe(400);
    expect(await count()).toBe(before + 1);
    // The same check on a change.
    expect((await t.request('PATCH', `/v1/pages/${guide.body.id}`, { auth: w.staff, body: { body: '![x](https://evil.test/a.png)' } })).status).toBe(400);
    expect((await t.request('GET', `/v1/pages/${guide.body.id}`, { auth: w.staff })).body.body).toContain('youtube');
  });
});
