import { describe, expect, it } from 'vitest';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id);

describe.each(databases)('the FAQ on $name', (database) => {
  const env = useWorld(database);
  /** Adds an entry, then lets a millisecond pass: entries of one millisecond are listed in id order, not in the order written. */
  const add = async (body: Record<string, unknown>, auth = env.w.staff) => {
    const added = await env.t.request('POST', '/v1/faq', { auth, body });
    await new Promise((resolve) => setTimeout(resolve, 2));
    return added;
  };

  it('searches by keywords and category, published by portal type, drafts hidden', async () => {
    const { t, w } = env;
    const sso = await add({ question: 'How do I set up SSO?', answer: 'Send us your **SAML** metadata.', category: 'Security' });
    expect(sso.status).toBe(201);
    expect(sso.body).toMatchObject({ category: 'Security', portal_type: 'customer', visibility: 'portal', views: 0, helpful: 0, unhelpful: 0 });
    const invoices = await add({ question: 'Where are my invoices?', answer: 'Under Billing, every invoice since the start.', category: 'Billing' });
    const mfa = await add({ question: 'Can I use an authenticator app?', answer: 'Yes: turn on two-step sign-in (TOTP) in Settings.', category: 'Security' });
    const draft = await add({ question: 'SSO for partners?', answer: 'Coming soon', category: 'Security', visibility: 'internal' });
    const partner = await add({ question: 'How are commissions paid?', answer: 'Monthly, by tier.', category: 'Partners', portal_type: 'partner' });

    const search = (q: string, auth = w.contactA) => t.request('GET', `/v1/faq?${q}`, { auth });
    expect(ids(await search(''))).toEqual([sso.body.id, invoices.body.id, mfa.body.id]);
    expect(ids(await search('q=sso'))).toEqual([sso.body.id]);
    expect(ids(await search('q=SAML metadata'))).toEqual([sso.body.id]);
    expect(ids(await search('q=in'))).toEqual([invoices.body.id, mfa.body.id]);
    expect(ids(await search('q=two-step settings'))).toEqual([mfa.body.id]);
    expect(ids(await search('q=100%25'))).toEqual([]);
    expect(ids(await search('category=Security'))).toEqual([sso.body.id, mfa.body.id]);
    expect(ids(await search('category=Security&q=app'))).toEqual([mfa.body.id]);
    // Contacts never see the counts; the team does, and sees drafts and partner entries.
    expect((await search('q=sso')).body.data[0].views).toBeUndefined();
    expect(ids(await search('q=sso', w.staff)).sort()).toEqual([sso.body.id, draft.body.id].sort());
    expect(ids(await search('portal_type=partner', w.key))).toEqual([partner.body.id]);
    expect((await search('portal_type=partner')).status).toBe(403);
    expect(ids(await search('', w.otherTenantKey))).toEqual([]);
    expect((await t.request('GET', '/v1/faq/categories', { auth: w.contactB })).body.data).toEqual([
      { category: 'Billing', entries: 1 },
      { category: 'Security', entries: 2 },
    ]);
    for (const hidden of [draft, partner]) expect((await t.request('GET', `/v1/faq/${hidden.body.id}`, { auth: w.contactA })).status).toBe(404);

    // A partner's contacts see the partner entries.
    const pia = await embedToken(t, w.key, { external_id: 'pia-faq', name: 'Pia Partner', role: 'contact' }, { external_id: 'reseller-faq', name: 'Reseller' });
    await t.request('PATCH', `/v1/customers/${pia.customer_id}`, { auth: w.key, body: { portal_type: 'partner' } });
    expect(ids(await search('', pia.token))).toEqual([partner.body.id]);

    // Editing keeps the index current.
    await t.request('PATCH', `/v1/faq/${invoices.body.id}`, { auth: w.staff, body: { answer: 'Open Billing: every receipt is there.' } });
    expect(ids(await search('q=receipt'))).toEqual([invoices.body.id]);
    expect(ids(await search('q=invoice since'))).toEqual([]);
    // Bad input.
    expect((await add({ question: ' ', answer: 'x', category: 'A' })).status).toBe(400);
    expect((await add({ question: 'Q', answer: 'x', category: 'A', views: 10 })).status).toBe(400);
    expect((await add({ question: 'Q', answer: 'x', category: 'A' }, w.contactA)).status).toBe(403);
    expect((await t.request('DELETE', `/v1/faq/${invoices.body.id}`, { auth: w.staff })).status).toBe(204);
    expect(ids(await search('q=receipt'))).toEqual([]);
  });

  it('counts views and feedback, one answer a person, and tells the team which answers fail', async () => {
    const { t, w } = env;
    const good = await add({ question: 'How do I invite a colleague?', answer: 'Ask your CSM.', category: 'Access' });
    const bad = await add({ question: 'Why is my export empty?', answer: 'It is not.', category: 'Reports' });
    const hidden = await add({ question: 'Internal note', answer: 'x', category: 'Reports', visibility: 'internal' });

    for (let i = 0; i < 3; i++) expect((await t.request('GET', `/v1/faq/${good.body.id}`, { auth: w.contactA })).status).toBe(200);
    await t.request('GET', `/v1/faq/${bad.body.id}`, { auth: w.contactB });
    // The team reading it counts nothing.
    await t.request('GET', `/v1/faq/${good.body.id}`, { auth: w.staff });

    const feedback = (id: string, body: Record<string, unknown>, auth = w.contactA) => t.request('POST', `/v1/faq/${id}/feedback`, { auth, body });
    expect((await feedback(good.body.id, { helpful: true })).status).toBe(201);
    expect((await feedback(bad.body.id, { helpful: true })).status).toBe(201);
    // Ana changes her mind, with a comment; Bob agrees.
    const changed = await feedback(bad.body.id, { helpful: false, comment: 'It was empty for me, twice.' });
    expect(changed.body).toMatchObject({ helpful: false, comment: 'It was empty for me, twice.' });
    await feedback(bad.body.id, { helpful: false }, w.contactB);
    // Hidden or unknown entries, bad bodies, API keys.
    expect((await feedback(hidden.body.id, { helpful: true })).status).toBe(404);
    expect((await feedback('faq_nope', { helpful: true })).status).toBe(404);
    expect((await feedback(good.body.id, { helpful: 'yes' })).status).toBe(400);
    expect((await feedback(good.body.id, { helpful: true, comment: 'x'.repeat(2001) })).status).toBe(400);
    expect((await feedback(good.body.id, { helpful: true }, w.key)).status).toBe(403);

    const shown = await t.request('GET', `/v1/faq/${bad.body.id}`, { auth: w.staff });
    expect(shown.body).toMatchObject({ views: 1, helpful: 0, unhelpful: 2 });
    const stats = await t.request('GET', '/v1/faq/stats', { auth: w.staff });
    expect(stats.status).toBe(200);
    expect(stats.body.most_viewed[0]).toMatchObject({ id: good.body.id, views: 3, helpful: 1, helpful_rate: 1 });
    expect(stats.body.least_helpful[0]).toMatchObject({ id: bad.body.id, unhelpful: 2, helpful_rate: 0 });
    expect(stats.body.least_helpful[0].comments).toEqual([expect.objectContaining({ helpful: false, comment: 'It was empty for me, twice.', user: { id: w.contactAId, name: 'Ana Silva' } })]);
    expect(stats.body.categories).toEqual(expect.arrayContaining([{ category: 'Access', entries: 1, views: 3 }]));
    expect((await t.request('GET', '/v1/faq/stats', { auth: w.contactA })).status).toBe(403);

    // The feedback is the team's to read: an internal event and an activity row.
    const event = await t.deps.db.selectFrom('events').select(['visibility', 'customer_id']).where('type', '=', 'faq_entry.feedback_received').executeTakeFirstOrThrow();
    expect(event).toEqual({ visibility: 'internal', customer_id: null });
    const activity = await t.request('GET', '/v1/activity?limit=200', { auth: w.staff });
    expect(activity.body.data.map((r: { summary: string }) => r.summary)).toContain('Found FAQ entry “Why is my export empty?” not helpful: “It was empty for me, twice.”');
  });

  it('erases what a person wrote in their feedback with them, keeping the counts', async () => {
    const { t, w } = env;
    const entry = await add({ question: 'How do I export users?', answer: 'From Settings.', category: 'Data' });
    const zed = await embedToken(t, w.key, { external_id: 'zed-faq', name: 'Zed Quist', role: 'contact', email: 'zed@acme.test' }, { external_id: 'acme' });
    await t.request('POST', `/v1/faq/${entry.body.id}/feedback`, { auth: zed.token, body: { helpful: false, comment: 'Zed Quist here: I found nothing' } });
    expect((await t.request('DELETE', `/v1/users/${zed.user_id}?erase=true`, { auth: w.staff })).status).toBe(204);
    const stats = await t.request('GET', '/v1/faq/stats?limit=50', { auth: w.staff });
    const row = stats.body.least_helpful.find((e: { id: string }) => e.id === entry.body.id);
    expect(row).toMatchObject({ unhelpful: 1, comments: [expect.objectContaining({ comment: '[erased]' })] });
    const events = await t.deps.db.selectFrom('events').select('data').where('type', '=', 'faq_entry.feedback_received').where('subject_id', '=', entry.body.id).execute();
    expect(events.map((e) => JSON.parse(e.data).feedback.comment)).toEqual(['[erased]']);
  });
});
