/**
 * Structured requests end to end: the real service (its workers on short timings), the real
 * bundle, the example vendor page on another origin and a real Chromium. A contact files a
 * support escalation through the widget's form; its SLA passes (the request's due time is moved
 * into the past, as the reminders tests move their clock); the SLA worker marks it breached once,
 * and the account owner hears of it in the widget's bell and by email. With UPDATE_SCREENSHOTS=1
 * the screenshots go to docs/screenshots/.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactOf, screenshotDir, skipTour, startVendorPage, useBrowserPage, type VendorPage } from './browser.js';
import { startMailCatcher, type MailCatcher } from '../server/test/mail-catcher.js';
import { startRealServer, type RealServer } from '../server/test/real-server.js';
import { buildBundle } from '../widget/test/build-bundle.js';
import { seedScenario, type Scenario } from '../widget/test/scenario.js';

const screenshots = screenshotDir();

describe('a support escalation past its SLA, end to end', () => {
  let real: RealServer;
  let mail: MailCatcher;
  let vendor: VendorPage;
  let s: Scenario;
  const portal = () => b.page.locator('customer-portal');
  const shot = (name: string) => portal().screenshot({ path: join(screenshots, `${name}.png`) });

  beforeAll(async () => {
    buildBundle();
    mail = await startMailCatcher();
    real = await startRealServer({ config: { smtpUrl: mail.url }, workers: { reminderIntervalMs: 200, pollMs: 200, emailBatchMs: 0, log: () => {} } });
    s = await seedScenario(real.call, 'e2e-requests');
    // Sam owns the account: the escalation's task goes to him, and its breach too.
    await real.call('PATCH', `/v1/customers/${s.customerId}`, { owner_id: s.staff.userId });
    vendor = await startVendorPage(real, { contact: contactOf(s), owner: { label: 'Sam', user: { external_id: s.staff.externalId, name: s.staff.name, role: 'staff' } } });
  }, 120_000);

  afterAll(async () => {
    await vendor?.close();
    await real?.close();
    await mail?.close();
    if (!process.env.UPDATE_SCREENSHOTS) rmSync(screenshots, { recursive: true, force: true });
  });

  const b = useBrowserPage({ viewport: { width: 1280, height: 900 } });
  beforeAll(async () => {
    await b.page.goto(vendor.url);
    await skipTour(b.page);
  });

  it('lets the contact file a support escalation through its form', async () => {
    await portal().locator('[role=tab]', { hasText: 'Requests' }).click();
    await portal().locator('[part=requests] button.primary', { hasText: 'New request' }).click();
    await portal().locator('[part=new-request] button', { hasText: 'Support escalation' }).click();
    const form = portal().locator('[part=request-form]');
    await form.locator('[name=summary]').fill('Exports fail since the upgrade');
    await form.locator('[name=severity]').selectOption('Critical');
    await form.locator('[name=description]').fill('Every CSV export answers an error b.page.');
    await shot('requests-form');
    await form.locator('button[type=submit]').click();
    const row = portal().locator('[part=request-row]', { hasText: 'Exports fail since the upgrade' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Open');
    expect(await row.innerText()).toContain('Due in 4 h');
  });

  it('marks it breached once its SLA passes, and tells the owner in the bell and by email', async () => {
    const [request] = (await real.call('GET', `/v1/requests?customer_id=${s.customerId}`)).data;
    expect(request).toMatchObject({ type: { name: 'Support escalation' }, sla_breached: false, submitted_by: s.contact.userId });
    expect((await real.call('GET', `/v1/tasks/${request.task_id}`)).assignee_ids).toEqual([s.staff.userId]);
    await real.server.deps.db.updateTable('requests').set({ due_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', request.id).execute();

    // The contact's own list shows the breach live.
    await portal().locator('[part=request-row]', { hasText: 'SLA missed' }).waitFor({ timeout: 20_000 });
    const email = await mail.waitFor((m) => m.to.includes(`${s.staff.externalId}@example.test`) && m.text.includes('SLA missed'), 0, 20_000);
    expect(email.text).toContain('Exports fail since the upgrade');

    await b.page.goto(`${vendor.url}/switch?user=owner`);
    await skipTour(b.page);
    await portal().locator('[part=bell]').click();
    const note = portal().locator('[part=notification-list]', { hasText: 'SLA missed' });
    await note.waitFor({ timeout: 20_000 });
    expect(await note.innerText()).toContain('support escalation “Exports fail since the upgrade”');
    await note.locator('button', { hasText: 'SLA missed' }).first().click();
    await portal().locator('[part=requests] [part=request-row]', { hasText: 'Exports fail since the upgrade' }).waitFor();
    await shot('requests-queue');

    // Once, whatever the worker passes since.
    await new Promise((done) => setTimeout(done, 1000));
    const breaches = await real.server.deps.db.selectFrom('events').select('id').where('type', '=', 'request.sla_breached').where('subject_id', '=', request.id).execute();
    expect(breaches).toHaveLength(1);
    expect(b.problems).toEqual([]);
  });
});
