import { beforeAll, describe, expect, it } from 'vitest';
import { consumeBatch } from '../events/consumer.js';
import { notificationFanOut } from '../notifications/notification-fanout.js';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { upload, uploadForm } from '../test/uploads.js';

describe.each(databases)('approvals on $name', (database) => {
  const env = useWorld(database);
  let luis: { token: string; user_id: string };
  let task: string;
  let internalTask: string;
  let doc: { id: string; sha256: string };
  /** Each write is followed by a millisecond of its own: rows of one millisecond are listed in id order, not in the order written. */
  const apart = async <T>(write: Promise<T>) => {
    const written = await write;
    await new Promise((resolve) => setTimeout(resolve, 2));
    return written;
  };
  const request = (body: object, auth = env.w.staff) => apart(env.t.request('POST', '/v1/approvals', { auth, body }));
  const decide = (id: string, auth: string, decision: string, headers: Record<string, string> = {}) =>
    apart(env.t.request('POST', `/v1/approvals/${id}/decisions`, { auth, body: { decision, comment: `${decision} by me` }, headers }));

  beforeAll(async () => {
    luis = await embedToken(env.t, env.w.key, { external_id: 'luis', name: 'Luis Moreno', role: 'contact' }, { external_id: 'acme' });
    task = (await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { customer_id: env.w.customerA, title: 'Sign off the rollout plan' } })).body.id;
    internalTask = (await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { customer_id: env.w.customerA, title: 'Margin check', visibility: 'internal' } })).body.id;
    doc = (await upload(env.t, env.w.staff, { name: 'sow.txt', bytes: 'Statement of work v1' }, { customer_id: env.w.customerA })).body;
  });

  it('takes decisions in order with sequence, pins the document version, and keeps a sign-off record', async () => {
    const created = await request({ subject: { type: 'document', id: doc.id }, approver_ids: [env.w.contactAId, luis.user_id], mode: 'sequence', due_date: '2026-12-20', message: 'Please review the SOW' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', mode: 'sequence', document_version: 1, document_sha256: doc.sha256, next_approver_id: env.w.contactAId, subject: { type: 'document', id: doc.id, title: 'sow.txt' } });
    const id = created.body.id;
    expect(id).toMatch(/^apr_/);

    const waiting = async (auth: string) => (await env.t.request('GET', '/v1/approvals?approver_id=me&status=pending', { auth })).body.data.map((a: { id: string }) => a.id);
    expect(await waiting(env.w.contactA)).toContain(id);
    expect(await waiting(luis.token)).not.toContain(id);

    const early = await decide(id, luis.token, 'approved');
    expect([early.status, early.body.error.code]).toEqual([409, 'not_your_turn']);
    expect((await decide(id, env.w.contactA, 'approved', { 'user-agent': 'Vitest browser' })).body).toMatchObject({ status: 'pending', next_approver_id: luis.user_id });
    expect((await decide(id, env.w.contactA, 'approved')).body.error.code).toBe('not_your_turn');
    expect(await waiting(luis.token)).toContain(id);
    const done = await decide(id, luis.token, 'approved');
    expect(done.body).toMatchObject({ status: 'approved', next_approver_id: null });
    expect(done.body.completed_at).toEqual(expect.any(String));
    expect((await decide(id, luis.token, 'rejected')).body.error.code).toBe('approval_closed');

    const record = await env.t.request('GET', `/v1/approvals/${id}/record`, { auth: env.w.staff });
    expect(record.status).toBe(200);
    expect(record.body.decisions).toEqual([
      expect.objectContaining({ user_id: env.w.contactAId, name: 'Ana Silva', decision: 'approved', user_agent: 'Vitest browser', document_version: 1, document_sha256: doc.sha256, ip: expect.any(String) }),
      expect.objectContaining({ user_id: luis.user_id, decision: 'approved', document_sha256: doc.sha256 }),
    ]);
    expect((await env.t.request('GET', `/v1/approvals/${id}/record`, { auth: env.w.contactA })).status).toBe(403);
    const types = (await env.t.deps.db.selectFrom('events').select('type').where('subject_id', '=', id).orderBy('id').execute()).map((e) => e.type);
    expect(types).toEqual(['approval.requested', 'approval.decided', 'approval.decided', 'approval.completed']);
  });

  it('pins an approval to the version it asked about: a new version answers its decisions 409, and a new approval pins the new one', async () => {
    const sow = (await upload(env.t, env.w.staff, { name: 'sow-versions.txt', bytes: 'Statement of work, first draft' }, { customer_id: env.w.customerA })).body;
    const first = (await request({ subject: { type: 'document', id: sow.id }, approver_ids: [env.w.contactAId], mode: 'all' })).body;
    expect(first.document_version).toBe(1);
    const v2 = await env.t.request('POST', `/v1/documents/${sow.id}/versions`, { auth: env.w.staff, body: uploadForm({ name: 'sow-versions.txt', bytes: 'Statement of work, second draft' }) });
    expect(v2.status).toBe(201);
    const late = await decide(first.id, env.w.contactA, 'approved');
    expect([late.status, late.body.error.code]).toEqual([409, 'version_changed']);
    const second = (await request({ subject: { type: 'document', id: sow.id }, approver_ids: [env.w.contactAId], mode: 'all' })).body;
    const current = (await env.t.request('GET', `/v1/documents/${sow.id}/versions`, { auth: env.w.staff })).body.data.find((v: { number: number }) => v.number === 2);
    expect(second).toMatchObject({ document_version: 2, document_sha256: current.sha256 });
    expect((await decide(second.id, env.w.contactA, 'approved')).status).toBe(200);
  });

  it('closes with any one approval, on the first rejection with all, and on a cancel', async () => {
    const any = (await request({ subject: { type: 'task', id: task }, approver_ids: [env.w.contactAId, luis.user_id, env.w.staffId], mode: 'any' })).body;
    expect((await decide(any.id, luis.token, 'approved')).body.status).toBe('approved');
    const all = (await request({ subject: { type: 'task', id: task }, approver_ids: [env.w.contactAId, luis.user_id], mode: 'all' })).body;
    expect((await decide(all.id, luis.token, 'approved')).body.status).toBe('pending');
    expect((await decide(all.id, env.w.contactA, 'changes_requested')).body).toMatchObject({ status: 'changes_requested' });
    const all2 = (await request({ subject: { type: 'task', id: task }, approver_ids: [env.w.contactAId, luis.user_id], mode: 'all' })).body;
    expect((await decide(all2.id, env.w.contactA, 'approved')).body.status).toBe('pending');
    expect((await decide(all2.id, luis.token, 'approved')).body.status).toBe('approved');

    const canceled = (await request({ subject: { type: 'task', id: task }, approver_ids: [env.w.contactAId], mode: 'all' })).body;
    expect((await env.t.request('POST', `/v1/approvals/${canceled.id}/cancel`, { auth: env.w.contactA })).status).toBe(403);
    expect((await env.t.request('POST', `/v1/approvals/${canceled.id}/cancel`, { auth: env.w.staff })).body.status).toBe('canceled');
    expect((await env.t.request('POST', `/v1/approvals/${canceled.id}/cancel`, { auth: env.w.staff })).status).toBe(409);
    expect((await decide(canceled.id, env.w.contactA, 'approved')).body.error.code).toBe('approval_closed');
    const listed = (await env.t.request('GET', `/v1/approvals?subject_id=${task}`, { auth: env.w.contactA })).body.data.map((a: { status: string }) => a.status);
    expect(listed).toEqual(['approved', 'changes_requested', 'approved', 'canceled']);
  });

  it('refuses approvers who cannot decide and decisions by others, writing nothing', async () => {
    const before = await env.t.deps.db.selectFrom('approvals').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const bad = await request({ subject: { type: 'task', id: task }, approver_ids: [env.w.contactBId, env.w.deactivatedId, 'usr_nobody'], mode: 'all' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['approver_ids.0', 'approver_ids.1', 'approver_ids.2']);
    const hidden = await request({ subject: { type: 'task', id: internalTask }, approver_ids: [env.w.contactAId], mode: 'all' });
    expect(hidden.body.error.details[0].message).toBe('cannot see what is to approve');
    expect((await request({ subject: { type: 'task', id: task }, approver_ids: [env.w.contactAId], mode: 'all' }, env.w.contactA)).status).toBe(403);
    expect((await request({ subject: { type: 'task', id: 'tsk_nope' }, approver_ids: [env.w.contactAId], mode: 'all' })).status).toBe(404);
    expect((await request({ subject: { type: 'task', id: task }, approver_ids: [], mode: 'all' })).status).toBe(400);
    expect((await request({ subject: { type: 'task', id: task }, approver_ids: [env.w.contactAId], mode: 'some' })).status).toBe(400);
    const after = await env.t.deps.db.selectFrom('approvals').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const id = (await request({ subject: { type: 'task', id: task }, approver_ids: [env.w.contactAId], mode: 'all' })).body.id;
    expect((await decide(id, env.w.staff, 'approved')).body.error.code).toBe('not_your_turn');
    expect((await decide(id, env.w.contactB, 'approved')).status).toBe(404);
    expect((await env.t.request('GET', `/v1/approvals/${id}`, { auth: env.w.contactB })).status).toBe(404);
    expect((await decide(id, env.w.key, 'approved')).status).toBe(403);
    expect((await env.t.request('POST', `/v1/approvals/${id}/decisions`, { auth: env.w.contactA, body: { decision: 'maybe' } })).status).toBe(400);
    await env.t.request('PATCH', `/v1/users/${env.w.contactAId}`, { auth: env.w.key, body: { capability_overrides: { 'approvals.respond': false } } });
    expect((await decide(id, env.w.contactA, 'approved')).body.error).toMatchObject({ code: 'capability_required', details: { capability: 'approvals.respond' } });
    await env.t.request('PATCH', `/v1/users/${env.w.contactAId}`, { auth: env.w.key, body: { capability_overrides: {} } });
  });

  it('notifies each approver when it is their turn, and the requester when it ends', async () => {
    while ((await consumeBatch(env.t.deps, notificationFanOut, 500)) > 0);
    await env.t.deps.db.deleteFrom('notifications').execute();
    const id = (await request({ subject: { type: 'task', id: task }, approver_ids: [luis.user_id, env.w.contactAId], mode: 'sequence' })).body.id;
    const kinds = async () => {
      while ((await consumeBatch(env.t.deps, notificationFanOut, 500)) > 0);
      return (await env.t.deps.db.selectFrom('notifications').select(['user_id', 'kind', 'data']).orderBy('created_at').execute()).map((n) => [n.user_id, n.kind, JSON.parse(n.data).title]);
    };
    expect(await kinds()).toEqual([[luis.user_id, 'approval', 'Sam Staff asks for your approval of “Sign off the rollout plan”']]);
    await decide(id, luis.token, 'approved');
    await decide(id, env.w.contactA, 'approved');
    expect((await kinds()).slice(1)).toEqual([
      [env.w.contactAId, 'approval', 'Luis Moreno asks for your approval of “Sign off the rollout plan”'],
      [env.w.staffId, 'approval', '“Sign off the rollout plan” was approved'],
    ]);
  });
});
