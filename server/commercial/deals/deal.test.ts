import { beforeAll, describe, expect, it } from 'vitest';
import { openEvents } from '../../test/live-fixtures.js';
import { databases, type TestApp, type World } from '../../test/harness.js';
import { useWorld } from '../../test/suite.js';

describe.each(databases)('deals on $name', (database) => {
  const env = useWorld(database);

  let t: TestApp;
  let w: World;
  const stages = ['Discovery', 'Proposal', 'Negotiation', 'Closed'];

  beforeAll(async () => {
    ({ t, w } = env);
  });

  const create = (body: object, auth = w.key) =>
    t.request('POST', '/v1/deals', { auth, body: { customer_id: w.customerA, name: 'Enterprise plan', stage: 'Discovery', stages, currency: 'EUR', value: 4_800_000, ...body } });

  it('creates, upserts by external_id, and shows contacts the value only when shared and allowed', async () => {
    const hidden = await create({ external_id: 'crm-1', owner_id: w.staffId, next_steps: 'Send the proposal' });
    expect(hidden.status).toBe(201);
    expect(hidden.body).toMatchObject({ id: expect.stringMatching(/^del_/), status: 'open', value: 4_800_000, value_shared: false, owner: { id: w.staffId, name: 'Sam Staff' }, changed_since_last_visit: null });
    const asContact = await t.request('GET', `/v1/deals/${hidden.body.id}`, { auth: w.contactA });
    expect(asContact.body).toMatchObject({ value: null, changed_since_last_visit: true, owner: { name: 'Sam Staff' } });
    const shared = await create({ external_id: 'crm-1', value_shared: true, stage: 'Proposal' });
    expect([shared.status, shared.body.id]).toEqual([200, hidden.body.id]);
    expect((await t.request('GET', `/v1/deals/${hidden.body.id}`, { auth: w.contactA })).body).toMatchObject({ value: 4_800_000, stage: 'Proposal' });
    await t.request('PATCH', `/v1/users/${w.contactAId}`, { auth: w.key, body: { capability_overrides: { 'deals.view_value': false } } });
    expect((await t.request('GET', '/v1/deals', { auth: w.contactA })).body.data.map((d: { value: unknown }) => d.value)).toEqual([null]);
    await t.request('PATCH', `/v1/users/${w.contactAId}`, { auth: w.key, body: { capability_overrides: {} } });

    const internal = await create({ name: 'Upsell (internal)', visibility: 'internal' });
    const other = await create({ customer_id: w.customerB, name: 'Globex renewal' });
    const ids = (await t.request('GET', '/v1/deals', { auth: w.contactA })).body.data.map((d: { id: string }) => d.id);
    expect(ids).toEqual([hidden.body.id]);
    expect((await t.request('GET', `/v1/deals/${internal.body.id}`, { auth: w.contactA })).status).toBe(404);
    expect((await t.request('GET', `/v1/deals/${other.body.id}`, { auth: w.contactA })).status).toBe(404);
  });

  it('refuses a stage outside stages, bad money, and contacts writing, with nothing written', async () => {
    const before = (await t.request('GET', '/v1/deals?limit=200', { auth: w.key })).body.data.length;
    for (const bad of [{ stage: 'Won' }, { value: -5 }, { value: 1.25 }, { currency: 'ABC' }, { stages: ['A', 'A'], stage: 'A' }]) {
      const r = await create(bad);
      expect([JSON.stringify(bad), r.status, r.body.error.code]).toEqual([JSON.stringify(bad), 400, 'validation_failed']);
    }
    expect((await create({}, w.contactA)).status).toBe(403);
    expect((await create({ owner_id: w.contactAId })).body.error.details).toEqual([{ path: 'owner_id', message: 'a staff user id' }]);
    const deal = await create({ name: 'Patch me' });
    const wrong = await t.request('PATCH', `/v1/deals/${deal.body.id}`, { auth: w.key, body: { stage: 'Nope' } });
    expect([wrong.status, wrong.body.error.details[0].path]).toEqual([400, 'stage']);
    expect((await t.request('GET', '/v1/deals?limit=200', { auth: w.key })).body.data.length).toBe(before + 1);
  });

  it('keeps a timeline of shared updates without the internal notes, and says what changed since the last visit', async () => {
    const deal = await create({ name: 'Timeline deal', value_shared: true });
    await t.request('GET', `/v1/deals/${deal.body.id}`, { auth: w.contactA });
    expect((await t.request('GET', `/v1/deals/${deal.body.id}`, { auth: w.contactA })).body.changed_since_last_visit).toBe(false);
    await new Promise((r) => setTimeout(r, 5));
    await t.request('PATCH', `/v1/deals/${deal.body.id}`, { auth: w.staff, body: { stage: 'Negotiation', expected_close_date: '2027-01-31', next_steps: 'Legal review' } });
    await t.request('POST', `/v1/deals/${deal.body.id}/notes`, { auth: w.staff, body: { body: 'Legal has the contract' } });
    await t.request('POST', `/v1/deals/${deal.body.id}/notes`, { auth: w.staff, body: { body: 'Discount ceiling 12 %', visibility: 'internal' } });
    expect((await t.request('GET', '/v1/deals', { auth: w.contactA })).body.data.find((d: { id: string }) => d.id === deal.body.id).changed_since_last_visit).toBe(true);
    const timeline = await t.request('GET', `/v1/deals/${deal.body.id}/timeline`, { auth: w.contactA });
    expect(timeline.body.data.map((u: { kind: string }) => u.kind).sort()).toEqual(['expected_close_date', 'next_steps', 'note', 'stage']);
    expect(JSON.stringify(timeline.body)).not.toContain('Discount ceiling');
    expect(timeline.body.data.find((u: { kind: string }) => u.kind === 'stage')).toMatchObject({ previous: 'Discovery', current: 'Negotiation' });
    expect((await t.request('GET', `/v1/deals/${deal.body.id}/timeline`, { auth: w.staff })).body.data).toHaveLength(5);
    expect((await t.request('GET', `/v1/deals/${deal.body.id}`, { auth: w.contactA })).body.changed_since_last_visit).toBe(false);
  });

  it("streams a contact deal events without a value it may not see, nor the internal notes", async () => {
    await t.request('PATCH', `/v1/users/${w.contactAId}`, { auth: w.key, body: { capability_overrides: { 'deals.view_value': false } } });
    const first = await t.deps.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    const deal = await create({ name: 'Streamed', value_shared: true, value: 777_777 });
    await t.request('POST', `/v1/deals/${deal.body.id}/notes`, { auth: w.staff, body: { body: 'secret note', visibility: 'internal' } });
    const marker = await t.request('POST', '/v1/projects', { auth: w.key, body: { customer_id: w.customerA, name: 'Marker' } });
    const { stream } = await openEvents(t, w.contactA, { header: String(first?.id ?? 0) });
    await stream.waitFor((m) => m.data?.includes(marker.body.id) ?? false, 10_000);
    await stream.close();
    const text = stream.messages.map((m) => m.data ?? '').join('\n');
    expect(text).toContain(deal.body.id);
    expect(text).not.toContain('777777');
    expect(text).not.toContain('secret note');
    await t.request('PATCH', `/v1/users/${w.contactAId}`, { auth: w.key, body: { capability_overrides: {} } });
  });
});
