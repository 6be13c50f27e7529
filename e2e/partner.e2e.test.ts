/**
 * The commercial side end to end: the real service, the real bundle, the example vendor page on
 * another origin and a real Chromium. A partner's rep registers a deal in the widget, the channel
 * team approves it and records it won, the commission appears as earned, then paid, and the CSV
 * the rep exports matches the service's. Between approval and win, the rep and the channel team
 * work in the registration's co-selling workspace: a shared task, notes both ways live, and the
 * team's internal note that never reaches the partner. A customer's contact sees its deal and
 * its billing.
 * With UPDATE_SCREENSHOTS=1 the screenshots go to docs/screenshots/.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactOf, screenshotDir, shadowText, skipTour, startVendorPage, useBrowserPage, type VendorPage } from './browser.js';
import { parseCsv } from '../server/lib/csv.js';
import { startRealServer, type RealServer } from '../server/test/real-server.js';
import { buildBundle } from '../widget/test/build-bundle.js';
import { seedCommercial, seedPartner, type Partner } from '../widget/test/commercial-scenario.js';
import { seedScenario, type Scenario } from '../widget/test/scenario.js';

const screenshots = screenshotDir();

describe('the partner portal and the commercial views, end to end', () => {
  let real: RealServer;
  let vendor: VendorPage;
  let p: Partner;
  let s: Scenario;
  let registrationId: string;
  const tab = (name: string) => b.page.locator('customer-portal [role=tab]', { hasText: name }).click();
  const shot = (name: string) => b.page.locator('customer-portal').screenshot({ path: join(screenshots, `${name}.png`) });

  beforeAll(async () => {
    buildBundle();
    real = await startRealServer();
    p = await seedPartner(real.call, 'e2e');
    s = await seedScenario(real.call, 'e2e-commercial');
    await seedCommercial(real.call, s);
    vendor = await startVendorPage(real, {
      partner: { label: 'Rita', user: { external_id: p.rep.externalId, name: p.rep.name, role: 'contact' }, customer: { external_id: 'reseller-e2e' } },
      contact: contactOf(s),
    });
  });

  afterAll(async () => {
    await vendor?.close();
    await real?.close();
    if (!process.env.UPDATE_SCREENSHOTS) rmSync(screenshots, { recursive: true, force: true });
  });

  // The conflict is the one refusal this run provokes on purpose.
  const b = useBrowserPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, allowed: (status) => status === 409 });
  beforeAll(async () => {
    await b.page.goto(vendor.url);
  });

  it('lets the partner register a deal in its portal', async () => {
    await skipTour(b.page);
    await tab('Registrations');
    await b.page.locator('customer-portal [part=registrations] button.primary', { hasText: 'Register a deal' }).click();
    const form = b.page.locator('customer-portal [part=registration-form]');
    await form.locator('[name=company]').fill('Fabrikam');
    await form.locator('[name=contact_name]').fill('Fran Buyer');
    await form.locator('[name=email]').fill('fran@fabrikam-e2e.test');
    await form.locator('[name=value]').fill('36000');
    await form.locator('[name=description]').fill('Analytics add-on for 120 seats');
    await form.locator('button[type=submit]').click();
    await b.page.locator('customer-portal [part=registration-row]', { hasText: 'Submitted' }).waitFor();
    const [registration] = (await real.call('GET', `/v1/deal-registrations?customer_id=${p.customerId}`)).data;
    expect(registration).toMatchObject({ status: 'submitted', estimated_value: 3_600_000, currency: 'EUR', prospect: { company: 'Fabrikam', domain: 'fabrikam-e2e.test' } });
    registrationId = registration.id;
  });

  it('shows the approval with its protection, live', async () => {
    await real.call('POST', `/v1/deal-registrations/${registrationId}/decision`, { decision: 'approved', reason: 'New logo in your territory', protection_days: 90 }, s.staff.token);
    await b.page.locator('customer-portal [part=registration-row]', { hasText: 'Protected until' }).waitFor();
    expect(await shadowText(b.page)).toContain('Reason: New logo in your territory');
    await shot('partner-registrations');
  });

  it('works on the approved deal in the co-selling workspace with the channel team, whose internal note never reaches the partner', async () => {
    await b.page.locator('customer-portal [part=registration-row] button', { hasText: 'Open the workspace' }).click();
    const workspace = b.page.locator('customer-portal [part=workspace]');
    await workspace.waitFor();
    await workspace.locator('[part=workspace-task-form] input[name=title]').fill('Joint demo for Fabrikam');
    await workspace.locator('[part=workspace-task-form] button[type=submit]').click();
    await workspace.locator('[part=task-row]', { hasText: 'Joint demo for Fabrikam' }).waitFor();
    await workspace.getByRole('tab', { name: 'Notes' }).click();
    await workspace.locator('[part=comment-box] textarea').fill('Fran wants a pilot in January');
    await workspace.locator('[part=comment-box] button[type=submit]').click();
    await workspace.locator('[part=message]:not(.pending)', { hasText: 'Fran wants a pilot' }).waitFor();

    const { deal_id: dealId, thread } = await real.call('GET', `/v1/deal-registrations/${registrationId}/workspace`, undefined, s.staff.token);
    expect((await real.call('GET', `/v1/tasks?deal_id=${dealId}`, undefined, s.staff.token)).data).toEqual([expect.objectContaining({ title: 'Joint demo for Fabrikam', customer_id: p.customerId, deal_id: dealId })]);
    await real.call('POST', `/v1/threads/${thread.id}/messages`, { body: 'Pricing floor is 30k', visibility: 'internal' }, s.staff.token);
    await real.call('POST', `/v1/threads/${thread.id}/messages`, { body: 'Great, we join the pilot call' }, s.staff.token);
    await workspace.locator('[part=message]', { hasText: 'we join the pilot call' }).waitFor({ timeout: 15_000 });
    expect(await shadowText(b.page)).not.toContain('Pricing floor');
    const staffSide = (await real.call('GET', `/v1/threads/${thread.id}/messages?order=oldest`, undefined, s.staff.token)).data.map((m: { body: string }) => m.body);
    expect(staffSide).toEqual(['Fran wants a pilot in January', 'Pricing floor is 30k', 'Great, we join the pilot call']);
    await shot('partner-workspace');
  });

  it('shows the commission as earned once the deal is won, then paid', async () => {
    await real.call('POST', `/v1/deal-registrations/${registrationId}/outcome`, { outcome: 'won', value: 3_450_000 }, s.staff.token);
    await tab('Commissions');
    const row = b.page.locator('customer-portal [part=commission-row]', { hasText: 'Fabrikam' });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain('Earned');
    expect(await row.innerText()).toContain('€3,450.00');
    const [commission] = (await real.call('GET', `/v1/commissions?customer_id=${p.customerId}`)).data;
    expect(commission).toMatchObject({ registration_id: registrationId, deal_value: 3_450_000, rate: 0.1, amount: 345_000, status: 'earned' });
    await real.call('PATCH', `/v1/commissions/${commission.id}`, { status: 'paid' }, s.staff.token);
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('Paid');
    await shot('partner-commissions');
  });

  it('exports the CSV the service answers', async () => {
    const download = b.page.waitForEvent('download');
    await b.page.locator('customer-portal [part=export]').click();
    const file = await (await download).path();
    const exported = readFileSync(file!, 'utf8');
    const served = await (await fetch(`${real.url}/v1/commissions.csv`, { headers: { authorization: `Bearer ${p.rep.token}` } })).text();
    expect(exported).toBe(served);
    const rows = parseCsv(exported).map((r) => r.fields);
    expect(rows[0]).toEqual(['id', 'registration_id', 'company', 'deal_value', 'rate', 'amount', 'currency', 'status', 'paid_at', 'created_at']);
    expect(rows.slice(1).map((r) => r.slice(1, 8))).toEqual([[registrationId, 'Fabrikam', '34500.00', '0.1', '3450.00', 'EUR', 'paid']]);
  });

  it('shows the partner its tier and earnings', async () => {
    await tab('Partner');
    await b.page.locator('customer-portal [part=earnings]', { hasText: '€3,450.00' }).waitFor();
    expect(await b.page.locator('customer-portal [part=tier]').innerText()).toContain('Silver partner');
    await shot('partner-dashboard');
  });

  it("shows a customer's contact its deal and its billing, and answers a quote", async () => {
    await b.page.goto(`${vendor.url}/switch?user=contact`);
    await skipTour(b.page);
    expect(await b.page.locator('customer-portal [role=tab]', { hasText: 'Registrations' }).count()).toBe(0);
    await tab('Deals');
    await b.page.locator('customer-portal [part=deal-card]', { hasText: 'Enterprise plan' }).waitFor();
    await b.page.locator('customer-portal [part=deal-card] button', { hasText: 'Show the timeline' }).click();
    await b.page.locator('customer-portal [part=deal-timeline]').waitFor();
    expect(await shadowText(b.page)).not.toContain('Discount ceiling');
    await shot('deals');
    await tab('Billing');
    await b.page.locator('customer-portal [part=financial-row]', { hasText: 'Q-2027-01' }).waitFor();
    await b.page.getByRole('button', { name: 'Accept quote Q-2027-01' }).click();
    await b.page.locator('customer-portal [part=financial-row]', { hasText: 'Accepted on' }).waitFor();
    await shot('billing');
    const text = await shadowText(b.page);
    expect(text).not.toContain('INV-DRAFT');
    expect(text).not.toContain('PO-INTERNAL');
  });

  it('met no error on the way', () => {
    expect(b.problems).toEqual([]);
  });
});
