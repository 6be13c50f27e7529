import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COLORS } from '../../contract/branding-presets.js';
import type { Worker } from '../lib/worker-loop.js';
import { databases, embedToken, type TestApp, type World } from '../test/harness.js';
import { addComment, eventually, setNotificationPreferences, startTestWorkers } from '../test/live-fixtures.js';
import type { MailCatcher } from '../test/mail-catcher.js';
import { tenantSlug, useMailWorld } from '../test/sign-in.js';
import { PNG_1PX, upload } from '../test/uploads.js';
import { sendDueDigests } from './notification-email.js';

const WINDOW = 120_000;

describe.each(databases)('notification email on $name', (database) => {
  const env = useMailWorld(database);
  let mail: MailCatcher;
  let t: TestApp;
  let w: World;
  let workers: Worker;
  let slug: string;

  beforeAll(async () => {
    ({ t, w, mail } = env);
    // The tenant's look and pages, set as an admin sets them.
    const logo = (await upload(t, w.staff, { name: 'logo.png', bytes: PNG_1PX }, { purpose: 'logo' })).body;
    expect((await t.request('PATCH', '/v1/branding', { auth: w.staff, body: { preset: 'sunset', colors: { primary: '#ff6600' }, logo_document_id: logo.id } })).status).toBe(200);
    expect((await t.request('PATCH', '/v1/settings', { auth: w.staff, body: { app_url: 'https://app.vendor.test/portal?tab=work', email_from: 'Vendor Success Team' } })).status).toBe(200);
    slug = await tenantSlug(t, w.otherTenantId);
    // The background sender waits an hour: each test flushes with a clock of its choosing.
    workers = startTestWorkers(t, { emailBatchMs: 3_600_000 });
  });
  afterAll(() => workers.stop());

  const task = async (auth: string, body: object) => {
    const r = await t.request('POST', '/v1/tasks', { auth, body });
    expect(r.status).toBe(201);
    return r.body as { id: string };
  };
  /** Waits until the fan-out has queued `count` emails for `userId`. */
  const queued = (userId: string, count: number) =>
    eventually(async () => {
      const rows = await t.deps.db.selectFrom('notifications').select('id').where('user_id', '=', userId).where('email_status', '=', 'pending').execute();
      expect(rows).toHaveLength(count);
    });
  const flush = (afterMs = WINDOW + 1000) => sendDueDigests(t.deps, { batchMs: WINDOW }, Date.now() + afterMs);

  it('batches a person’s notifications of two minutes into one branded message with a text part and task links', async () => {
    const one = await task(w.staff, { title: 'Configure SSO', customer_id: w.customerA, assignee_ids: [w.contactAId, w.staffId] });
    const two = await task(w.staff, { title: 'Invite your admins', customer_id: w.customerA, assignee_ids: [w.contactAId] });
    await addComment(t, w.staff, one.id, 'Metadata goes in **Settings → SSO**.');
    await queued(w.contactAId, 3);

    await sendDueDigests(t.deps, { batchMs: WINDOW }, Date.now() + WINDOW / 2);
    expect(mail.to('ana@acme.test')).toEqual([]);
    await flush();
    const [message, ...more] = mail.to('ana@acme.test');
    expect(more).toEqual([]);
    expect(message!.subject).toMatch(/^3 updates in Vendor /);
    expect(message!.from).toContain('Vendor Success Team');
    expect(message!.headers.get('auto-submitted')).toBe('auto-generated');
    expect(message!.text).toContain('Sam Staff assigned you “Configure SSO”');
    expect(message!.text).toContain('Sam Staff assigned you “Invite your admins”');
    expect(message!.text).toContain('Sam Staff commented on “Configure SSO”');
    expect(message!.text).toContain('Metadata goes in **Settings → SSO**.');
    expect(message!.text).toContain(`https://app.vendor.test/portal?tab=work&cp_task=${one.id}`);
    expect(message!.text).toContain(`https://app.vendor.test/portal?tab=work&cp_task=${two.id}`);
    expect(message!.html).toContain('#ff6600');
    expect(message!.html).toContain(`http://portal.test/branding/${w.tenantId}/logo`);
    expect(message!.html).toContain(`cp_task=${two.id}`);
    // Sam did all of it: nothing for him. Sent once: a second pass sends nothing more.
    expect(mail.to('sam@vendor.test')).toEqual([]);
    await flush();
    expect(mail.to('ana@acme.test')).toHaveLength(1);
  });

  it('follows email preferences and tells a contact nothing of internal items', async () => {
    await setNotificationPreferences(t, w.contactB, { assigned: { email: false } });
    await task(w.key, { title: 'Share the plan', customer_id: w.customerB, assignee_ids: [w.contactBId] });
    const visible = await task(w.staff, { title: 'Book the kick-off', customer_id: w.customerA, assignee_ids: [w.contactAId] });
    await task(w.staff, { title: 'Renewal risk review', customer_id: w.customerA, visibility: 'internal', assignee_ids: [w.contactAId] });
    await addComment(t, w.staff, visible.id, 'Their budget is cut, @Ana Silva', 'internal');
    await addComment(t, w.staff, visible.id, 'Tuesday works for us, @Ana Silva');
    await queued(w.contactAId, 2);
    await flush();

    expect(mail.to('bob@globex.test')).toEqual([]);
    const [, message] = mail.to('ana@acme.test');
    expect(message!.text).toContain('Book the kick-off');
    expect(message!.text).toContain('Sam Staff mentioned you on “Book the kick-off”');
    expect(message!.text).toContain('Tuesday works for us');
    for (const m of mail.to('ana@acme.test')) {
      expect(m.raw).not.toContain('Renewal risk');
      expect(m.raw).not.toContain('budget is cut');
    }
  });

  it('tells the vendor’s staff what customers do, and drops what a person may no longer see', async () => {
    const shared = await task(w.staff, { title: 'Upload the DPA', customer_id: w.customerA, assignee_ids: [w.contactAId] });
    await t.request('PATCH', `/v1/tasks/${shared.id}`, { auth: w.contactA, body: { status: 'done' } });
    // Queued for Ana, then made internal before the message goes out.
    const hidden = await task(w.staff, { title: 'Draft pricing sheet', customer_id: w.customerA, assignee_ids: [w.contactAId] });
    await queued(w.staffId, 1);
    await queued(w.contactAId, 2);
    await t.request('PATCH', `/v1/tasks/${hidden.id}`, { auth: w.staff, body: { visibility: 'internal' } });
    const before = mail.to('ana@acme.test').length;
    await flush();

    const [activity] = mail.to('sam@vendor.test');
    expect(activity!.subject).toBe('Ana Silva (Acme Ltd) completed “Upload the DPA”');
    const sent = mail.to('ana@acme.test').slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe('Sam Staff assigned you “Upload the DPA”');
    expect(sent[0]!.raw).not.toContain('Draft pricing');
    const row = await t.deps.db.selectFrom('notifications').select('email_status').where('user_id', '=', w.contactAId).where('task_id', '=', hidden.id).executeTakeFirstOrThrow();
    expect(row.email_status).toBe('skipped');
  });

  it('falls back to a plain look and the hosted portal link without branding or app URL', async () => {
    const zoe = await embedToken(t, w.otherTenantKey, { external_id: 'zoe', name: 'Zoe', role: 'contact', email: 'zoe@other.test' }, { external_id: 'o-1', name: 'Other Co' });
    const theirs = await task(w.otherTenantKey, { title: 'Welcome aboard', customer_id: zoe.customer_id, assignee_ids: [zoe.user_id] });
    await queued(zoe.user_id, 1);
    await flush();
    const [message] = mail.to('zoe@other.test');
    expect(message!.subject).toBe('You were assigned “Welcome aboard”');
    expect(message!.text).toContain(`http://portal.test/p/${slug}?task=${theirs.id}`);
    expect(message!.html).not.toContain('/branding/');
    // The default look's colour, the one the widget shows without branding.
    expect(message!.html).toContain(`background:${DEFAULT_COLORS.primary}`);
    expect(message!.from).toContain('Other vendor');
  });

  it('sends on its own once the window has passed', async () => {
    await workers.stop();
    workers = startTestWorkers(t, { emailBatchMs: 200 });
    try {
      await task(w.staff, { title: 'Review the SOW', customer_id: w.customerA, assignee_ids: [w.contactAId] });
      await eventually(async () => expect(mail.to('ana@acme.test').some((m) => m.subject.includes('Review the SOW'))).toBe(true));
    } finally {
      // The later tests flush themselves: a sender with a short window would split their digests when the machine is slow.
      await workers.stop();
      workers = startTestWorkers(t, { emailBatchMs: 3_600_000 });
    }
  });

  it("writes the message in the person's language: its notifications, greeting, buttons and footer", async () => {
    await t.request('PATCH', '/v1/me/preferences', { auth: w.contactA, body: { locale: 'fr', date_format: 'auto' } });
    try {
      const one = await task(w.staff, { title: 'Signer le bon de commande', customer_id: w.customerA, assignee_ids: [w.contactAId], due_date: '2031-03-04' });
      await addComment(t, w.staff, one.id, 'Il est dans vos documents.');
      await queued(w.contactAId, 2);
      await flush();
      const [message] = mail.to('ana@acme.test').slice(-1);
      const nbsp = '\u00a0';
      expect(message!.subject).toMatch(new RegExp(`^2${nbsp}nouveautés dans Vendor `));
      expect(message!.text).toContain(`Voici 2${nbsp}nouveautés pour vous${nbsp}:`);
      expect(message!.text).toContain(`Sam Staff vous a confié «${nbsp}Signer le bon de commande${nbsp}»`);
      expect(message!.text).toContain(`Échéance${nbsp}: 4 mars 2031`);
      expect(message!.text).toContain(`Sam Staff a commenté «${nbsp}Signer le bon de commande${nbsp}»`);
      expect(message!.text).toContain(`Ouvrir la tâche${nbsp}: https://app.vendor.test/`);
      expect(message!.html).toContain('<html lang="fr">');
      expect(message!.html).toContain('Ouvrir la tâche</a>');
      expect(message!.text).toContain('Vous recevez ces e-mails de Vendor ');
      expect(message!.text).not.toMatch(/Open the task|There are|You get these emails|Due /);
    } finally {
      await t.request('PATCH', '/v1/me/preferences', { auth: w.contactA, body: { locale: 'en' } });
    }
  });

  it("writes due dates in each person's date format", async () => {
    await t.request('PATCH', '/v1/me/preferences', { auth: w.contactA, body: { date_format: 'DD/MM/YYYY' } });
    try {
      await task(w.staff, { title: 'Sign the order form', customer_id: w.customerA, assignee_ids: [w.contactAId], due_date: '2031-03-04' });
      await queued(w.contactAId, 1);
      await flush();
      const [message] = mail.to('ana@acme.test').slice(-1);
      expect(message!.text).toContain('Due 04/03/2031');
      expect(message!.text).not.toContain('2031-03-04');
      const listed = await t.request('GET', '/v1/notifications', { auth: w.contactA });
      expect(listed.body.data[0]).toMatchObject({ title: 'Sam Staff assigned you “Sign the order form”', body: 'Due 04/03/2031' });
    } finally {
      await t.request('PATCH', '/v1/me/preferences', { auth: w.contactA, body: { date_format: 'auto' } });
    }
  });
});
