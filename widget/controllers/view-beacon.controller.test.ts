import { expect } from '@open-wc/testing';
import { call, deep, mountPortal, scenario, settle, until } from '../test/portal.js';

const beacons = () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/analytics/views'));
const today = () => new Date().toISOString().slice(0, 10);

describe('the view beacons', () => {
  let s: Awaited<ReturnType<typeof scenario>>;
  before(async () => {
    s = await scenario('beacons');
  });

  it('report what a contact opens in one batch, later or as the page is left, never during the first paint', async () => {
    const before = beacons().length;
    const el = await mountPortal({ token: s.contact.token, view: 'tasks' });
    // The first screen is on: nothing has been reported yet (the batch waits a few seconds).
    expect(beacons().length).to.equal(before);
    deep<HTMLButtonElement>(el, '#tab-documents')!.click();
    await settle(el);
    deep<HTMLButtonElement>(el, '#tab-dashboard')!.click();
    await settle(el);
    expect(beacons().length).to.equal(before);
    window.dispatchEvent(new Event('pagehide'));
    await until(() => beacons().length === before + 1, 'one beacon request');
    const series = await until(async () => {
      const r = await call<{ series: { views_by_view: Record<string, number>; sessions: number }[] }>('GET', `/v1/analytics?customer_id=${s.customerId}&from=${today()}&to=${today()}`);
      return r.series[0]!.views_by_view.dashboard ? r.series[0]! : null;
    }, 'the views counted');
    expect(series.views_by_view).to.deep.equal({ tasks: 1, documents: 1, dashboard: 1 });
    expect(series.sessions).to.equal(1);
  });

  it('report nothing for staff', async () => {
    const before = beacons().length;
    await mountPortal({ token: s.staff.token, view: 'tasks', customer: s.customerId });
    window.dispatchEvent(new Event('pagehide'));
    await new Promise((r) => setTimeout(r, 300));
    expect(beacons().length).to.equal(before);
  });
});
