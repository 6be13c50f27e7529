import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { Scenario } from '../test/scenario.js';
import { deep, deepAll, mountPortal, scenario, settle, until } from '../test/portal.js';

/** The tabs drawn in the bar (those in the More menu are not). */
const barTabs = (el: Element) => deepAll(el, '[role=tab]').filter((t) => t.getBoundingClientRect().width > 0);
const more = (el: Element) => deep<HTMLButtonElement>(el, '[part=more-button]')!;
const menuItems = (el: Element) => deepAll<HTMLButtonElement>(el, '[part=more-menu] button');

describe('<customer-portal> tabs on a phone', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
    await setViewport({ width: 360, height: 740 });
  });
  after(() => setViewport({ width: 1280, height: 800 }));

  for (const locale of ['en', 'fr']) {
    it(`fits its tabs in one line with a More menu, nothing scrolling sideways (${locale})`, async () => {
      const el = await mountPortal({ token: s.contact.token, locale });
      await until(() => locale === 'en' || deep(el, '#tab-dashboard')!.textContent!.includes('Tableau de bord'), 'French');
      await until(() => menuItems(el).length > 0 || more(el).getBoundingClientRect().width > 0, 'the More button');
      const list = deep(el, '[role=tablist]')!;
      expect(list.scrollWidth).to.be.at.most(list.clientWidth);
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
      // One line: every tab of the bar and the More button on the same row, inside the element.
      const tops = new Set([...barTabs(el), more(el)].map((b) => Math.round(b.getBoundingClientRect().top)));
      expect(tops.size).to.equal(1);
      expect(more(el).getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right);
      expect(more(el).textContent).to.contain(locale === 'en' ? 'More' : 'Plus');

      // The More menu holds every other view; choosing one selects it and puts it in the bar.
      expect(more(el).getAttribute('aria-expanded')).to.equal('false');
      more(el).click();
      await settle(el);
      expect(more(el).getAttribute('aria-expanded')).to.equal('true');
      const shown = barTabs(el).length;
      expect(shown + menuItems(el).length).to.equal(deepAll(el, '[role=tab]').length);
      await expect(el).to.be.accessible();
      const settings = menuItems(el).at(-1)!;
      settings.click();
      await settle(el);
      expect(deep(el, '[role=tab][aria-selected=true]')!.id).to.equal('tab-settings');
      expect(barTabs(el).map((t) => t.id)).to.include('tab-settings');
      expect(more(el).getAttribute('aria-expanded')).to.equal('false');
      await until(() => deep(el, 'cp-settings'), 'the settings view');
    });
  }

  it('reaches the tabs in the More menu with the arrow keys, and closes the menu with Escape', async () => {
    const el = await mountPortal({ token: s.contact.token });
    await until(() => more(el).getBoundingClientRect().width > 0, 'the More button');
    deep<HTMLButtonElement>(el, '#tab-dashboard')!.focus();
    expect((el.shadowRoot!.activeElement as HTMLElement | null)?.id, 'focus').to.equal('tab-dashboard');
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => deep(el, '#tab-settings[aria-selected=true]'), 'the last tab selected');
    const selected = deep(el, '[role=tab][aria-selected=true]')!;
    expect(selected.id).to.equal('tab-settings');
    expect(selected.getBoundingClientRect().width).to.be.above(0);
    expect((el.shadowRoot!.activeElement as HTMLElement).id).to.equal('tab-settings');
    await sendKeys({ press: 'Home' });
    await until(() => deep(el, '#tab-dashboard[aria-selected=true]'), 'the first tab selected');
    await settle(el);
    expect(barTabs(el).map((t) => t.id)).not.to.include('tab-settings');

    more(el).click();
    await settle(el);
    menuItems(el)[0]!.focus();
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(more(el).getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.activeElement).to.equal(more(el));
  });

  it('shows every tab and no More button where they fit', async () => {
    await setViewport({ width: 1280, height: 800 });
    try {
      const el = await mountPortal({ token: s.contact.token });
      expect(barTabs(el).length).to.equal(deepAll(el, '[role=tab]').length);
      expect(more(el).getBoundingClientRect().width).to.equal(0);
    } finally {
      await setViewport({ width: 360, height: 740 });
    }
  });
});
