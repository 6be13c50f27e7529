import { beforeAll, describe, expect, it } from 'vitest';
import { databases, type TestApp, type World } from '../../test/harness.js';
import { useWorld } from '../../test/suite.js';
import { download, upload } from '../../test/uploads.js';

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id).sort();

describe.each(databases)('financial documents on $name', (database) => {
  const env = useWorld(database);

  let t: TestApp;
  let w: World;
  const invoice = (over: object = {}) => ({ kind: 'invoice', number: 'INV-1', issue_date: '2026-11-01', due_date: '2026-12-01', currency: 'EUR', total: 125000, status: 'sent', ...over });

  beforeAll(async () => {
    ({ t, w } = env);
  });

  const create = async (body: object, auth = w.key) => t.request('POST', '/v1/financial-documents', { auth, body });

  it('creates with integer minor units, upserts by external_id, and shows a contact its own sent ones only', async () => {
    const sent = await create({ customer_id: w.customerA, external_id: 'inv-1', ...invoice(), lines: [{ description: 'Licences', quantity: 10, unit_amount: 12500 }] });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ id: expect.stringMatching(/^fin_/), total: 125000, amount_due: 125000, currency: 'EUR', status: 'sent', visibility: 'portal', signoff: null });
    const again = await create({ customer_id: w.customerA, external_id: 'inv-1', ...invoice({ status: 'paid' }) });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: sent.body.id, status: 'paid', amount_due: 0 });
    const draft = await create({ customer_id: w.customerA, ...invoice({ number: 'INV-2', status: undefined }) });
    expect(draft.body.status).toBe('draft');
    const internal = await create({ customer_id: w.customerA, ...invoice({ number: 'INV-3', visibility: 'internal' }) });
    const other = await create({ customer_id: w.customerB, ...invoice({ number: 'B-1' }) });

    const mine = await t.request('GET', '/v1/financial-documents', { auth: w.contactA });
    expect(ids(mine)).toEqual([sent.body.id]);
    for (const hidden of [draft.body.id, internal.body.id, other.body.id]) {
      expect((await t.request('GET', `/v1/financial-documents/${hidden}`, { auth: w.contactA })).status).toBe(404);
    }
    expect(ids(await t.request('GET', `/v1/financial-documents?customer_id=${w.customerA}`, { auth: w.staff }))).toEqual([sent.body.id, draft.body.id, internal.body.id].sort());
    expect((await create({ customer_id: w.customerB, external_id: 'inv-1', ...invoice() })).body.error.code).toBe('external_id_taken');
  });

  it('refuses bad money and unknown currencies, writing nothing', async () => {
    const before = (await t.request('GET', '/v1/financial-documents?limit=200', { auth: w.key })).body.data.length;
    for (const bad of [{ total: -1 }, { total: 10.5 }, { currency: 'EURO' }, { currency: 'XYZ' }, { currency: 'eur' }, { amount_due: 200000 }, { kind: 'receipt' }, { issue_date: '2026-02-30' }]) {
      const r = await create({ customer_id: w.customerA, ...invoice(bad) });
      expect([JSON.stringify(bad), r.status]).toEqual([JSON.stringify(bad), 400]);
      expect(r.body.error.code).toBe('validation_failed');
    }
    const line = await create({ customer_id: w.customerA, ...invoice({ lines: [{ description: 'x', quantity: 1.5, unit_amount: 100 }] }) });
    expect(line.body.error.details[0].path).toContain('lines');
    expect((await t.request('GET', '/v1/financial-documents?limit=200', { auth: w.key })).body.data.length).toBe(before);
    expect((await create({ customer_id: w.customerA, ...invoice() }, w.contactA)).status).toBe(403);
  });

  it('accepts or declines a sent quote once, with a sign-off record of who, where and what', async () => {
    const pdf = await upload(t, w.key, { name: 'quote.pdf', bytes: '%PDF-1.4 quote' }, { customer_id: w.customerA, visibility: 'internal' });
    const quote = await create({ customer_id: w.customerA, ...invoice({ kind: 'quote', number: 'Q-1', document_id: pdf.body.id }) });
    expect(quote.body.amount_due).toBe(0);
    const accept = await t.request('POST', `/v1/financial-documents/${quote.body.id}/accept`, { auth: w.contactA, headers: { 'user-agent': 'Test browser' } });
    expect(accept.status).toBe(200);
    expect(accept.body).toMatchObject({ status: 'accepted', signoff: { decision: 'accepted', user_id: w.contactAId } });
    const record = await t.request('GET', `/v1/financial-documents/${quote.body.id}/record`, { auth: w.staff });
    expect(record.body).toMatchObject({ decision: 'accepted', user_name: 'Ana Silva', user_agent: 'Test browser', total: 125000, currency: 'EUR', sha256: pdf.body.sha256 });
    expect(typeof record.body.ip).toBe('string');
    const twice = await t.request('POST', `/v1/financial-documents/${quote.body.id}/decline`, { auth: w.contactA, body: { reason: 'changed my mind' } });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'already_decided']);
    // The PDF comes with the financial document, whatever the file's own visibility.
    const file = await download(t, w.contactA, `/v1/financial-documents/${quote.body.id}/pdf`);
    expect([file.status, file.bytes.toString()]).toEqual([200, '%PDF-1.4 quote']);
    const downloads = await t.deps.db.selectFrom('events').select(['actor_id', 'visibility']).where('type', '=', 'document.downloaded').where('subject_id', '=', pdf.body.id).execute();
    expect(downloads).toEqual([{ actor_id: w.contactAId, visibility: 'internal' }]);

    const q2 = await create({ customer_id: w.customerA, ...invoice({ kind: 'quote', number: 'Q-2' }) });
    const declined = await t.request('POST', `/v1/financial-documents/${q2.body.id}/decline`, { auth: w.contactA, body: { reason: 'Too expensive' } });
    expect(declined.body).toMatchObject({ status: 'declined', signoff: { decision: 'declined', reason: 'Too expensive' } });
    expect((await t.request('POST', `/v1/financial-documents/${q2.body.id}/decline`, { auth: w.contactA, body: {} })).status).toBe(400);

    const inv = await create({ customer_id: w.customerA, ...invoice({ number: 'INV-9' }) });
    expect((await t.request('POST', `/v1/financial-documents/${inv.body.id}/accept`, { auth: w.contactA })).body.error.code).toBe('not_a_quote');
    const draftQuote = await create({ customer_id: w.customerA, ...invoice({ kind: 'quote', number: 'Q-3', status: 'draft' }) });
    expect((await t.request('POST', `/v1/financial-documents/${draftQuote.body.id}/accept`, { auth: w.contactA })).status).toBe(404);
    const bQuote = await create({ customer_id: w.customerB, ...invoice({ kind: 'quote', number: 'Q-B' }) });
    expect((await t.request('POST', `/v1/financial-documents/${bQuote.body.id}/accept`, { auth: w.contactA })).status).toBe(404);
    expect((await t.request('POST', `/v1/financial-documents/${bQuote.body.id}/accept`, { auth: w.staff })).status).toBe(403);

    const types = (await t.deps.db.selectFrom('events').select('type').where('subject_id', 'in', [quote.body.id, q2.body.id]).execute()).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['financial_document.created', 'financial_document.accepted', 'financial_document.declined']));
  });

  it('needs finance.view for a contact and sums what is outstanding per currency, exactly', async () => {
    await create({ customer_id: w.customerB, ...invoice({ number: 'B-2', currency: 'JPY', total: 5000, due_date: '2020-01-01' }) });
    await create({ customer_id: w.customerB, ...invoice({ number: 'B-3', currency: 'EUR', total: 10, status: 'partially_paid', amount_due: 3 }) });
    const summary = await t.request('GET', '/v1/financial-documents/summary', { auth: w.contactB });
    expect(summary.body.outstanding).toEqual(expect.arrayContaining([{ currency: 'EUR', amount: 125003, count: 2 }, { currency: 'JPY', amount: 5000, count: 1 }]));
    expect(summary.body.overdue).toEqual(expect.arrayContaining([{ currency: 'JPY', amount: 5000, count: 1 }]));
    await t.request('PATCH', `/v1/users/${w.contactBId}`, { auth: w.key, body: { capability_overrides: { 'finance.view': false } } });
    const refused = await t.request('GET', '/v1/financial-documents', { auth: w.contactB });
    expect([refused.status, refused.body.error.details]).toEqual([403, { capability: 'finance.view' }]);
  });
});
