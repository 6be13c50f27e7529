import { describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { useMailWorld } from '../test/sign-in.js';

describe.each(databases)('contact import on $name', (database) => {
  const env = useMailWorld(database);

  const run = (csv: string, options: { dry_run?: boolean; invite?: boolean } = {}, customerId = env.w.customerA, auth = env.w.staff) =>
    env.t.request('POST', `/v1/customers/${customerId}/contacts/import`, { auth, body: { csv, ...options } });
  const contactsOfA = async () =>
    (await env.t.deps.db.selectFrom('users').select(['email', 'portal_access']).where('customer_id', '=', env.w.customerA).orderBy('email').execute()).map((u) => u.email);

  const FILE = [
    'Email,Name,Department',
    'carla@acme.test,"Reyes, Carla",Finance',
    'ana@acme.test,Ana Silva,IT',
    'not-an-email,Broken Row,IT',
    'CARLA@acme.test,Carla Again,Finance',
    'bob@globex.test,Bob Stone,Sales',
    'sam@vendor.test,Sam Staff,CS',
    ',Nameless Email,IT',
    '"dev@acme.test","Dev ""The Admin"" Kumar",IT',
  ].join('\r\n');

  it('previews row by row and writes nothing on a dry run', async () => {
    const before = await contactsOfA();
    const events = await env.t.deps.db.selectFrom('events').select('id').execute();
    const r = await run(FILE, { dry_run: true });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dry_run: true, created: 2, exists: 1, refused: 5 });
    expect(r.body.rows).toEqual([
      { line: 2, name: 'Reyes, Carla', email: 'carla@acme.test', status: 'created' },
      { line: 3, name: 'Ana Silva', email: 'ana@acme.test', status: 'exists', user_id: env.w.contactAId },
      { line: 4, name: 'Broken Row', email: 'not-an-email', status: 'refused', reason: 'not a valid email address' },
      { line: 5, name: 'Carla Again', email: 'CARLA@acme.test', status: 'refused', reason: 'duplicate of line 2' },
      { line: 6, name: 'Bob Stone', email: 'bob@globex.test', status: 'refused', reason: 'already a contact of another customer' },
      { line: 7, name: 'Sam Staff', email: 'sam@vendor.test', status: 'refused', reason: 'already a member of your team' },
      { line: 8, name: 'Nameless Email', email: '', status: 'refused', reason: 'email is required' },
      { line: 9, name: 'Dev "The Admin" Kumar', email: 'dev@acme.test', status: 'created' },
    ]);
    expect(await contactsOfA()).toEqual(before);
    expect(await env.t.deps.db.selectFrom('events').select('id').execute()).toHaveLength(events.length);
  });

  it('creates invited contacts, and reports the same file again as existing', async () => {
    const r = await run(FILE);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dry_run: false, created: 2, exists: 1, refused: 5 });
    const carla = r.body.rows[0];
    expect(carla.user_id).toMatch(/^usr_/);
    const row = await env.t.deps.db.selectFrom('users').selectAll().where('id', '=', carla.user_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'contact', customer_id: env.w.customerA, email: 'carla@acme.test', name: 'Reyes, Carla', portal_access: 'invited' });
    const created = await env.t.deps.db.selectFrom('events').select('type').where('subject_id', '=', carla.user_id).execute();
    expect(created.map((e) => e.type)).toEqual(['user.created']);

    const again = await run(FILE);
    expect(again.body).toMatchObject({ created: 0, exists: 3 });
  });

  it('reads external ids and refuses ones already in use or repeated', async () => {
    const csv = 'name;email;external_id\nEli;eli@acme.test;crm-1\nFay;fay@acme.test;crm-1\nGus;gus@acme.test;ana\n';
    const r = await run(csv);
    expect(r.body.rows.map((x: { status: string; reason?: string }) => [x.status, x.reason])).toEqual([
      ['created', undefined],
      ['refused', 'external_id duplicate of line 2'],
      ['refused', 'external_id is already used by another person'],
    ]);
    const eli = await env.t.deps.db.selectFrom('users').select('external_id').where('email', '=', 'eli@acme.test').executeTakeFirstOrThrow();
    expect(eli.external_id).toBe('crm-1');
  });

  it('invites the contacts it creates when asked', async () => {
    const since = env.mail.messages.length;
    const r = await run('name,email\nHal Invitee,hal@acme.test\nAna Silva,ana@acme.test\n', { invite: true });
    expect(r.body.created).toBe(1);
    const message = await env.mail.waitFor((m) => m.to.includes('hal@acme.test'), since);
    expect(message.subject).toMatch(/^You're invited to /);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(env.mail.messages.slice(since).flatMap((m) => m.to)).toEqual(['hal@acme.test']);
  });

  it('refuses a file it cannot read, with the line', async () => {
    const noHeader = await run('ana@acme.test,Ana\n');
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.details[0]).toMatchObject({ path: 'csv' });
    expect(noHeader.body.error.details[0].message).toMatch(/^line 1: the header row must name the columns name and email/);
    const broken = await run('name,email\n"Ana,ana@acme.test\n');
    expect(broken.status).toBe(400);
    expect(broken.body.error.details[0].message).toBe('line 2: a quoted field is never closed');
    const empty = await run('');
    expect(empty.status).toBe(400);
    expect((await run('name,email\n')).body).toMatchObject({ rows: [], created: 0 });
  });

  it('is for API keys and staff, on a customer of their own tenant', async () => {
    expect((await run('name,email\n', {}, env.w.customerA, env.w.contactA)).status).toBe(403);
    expect((await run('name,email\n', {}, env.w.customerA, env.w.otherTenantKey)).status).toBe(404);
    expect((await run('name,email\n', {}, 'cus_nope', env.w.key)).status).toBe(404);
  });
});
