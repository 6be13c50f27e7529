import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, select, settle, textOf, until } from '../test/admin.js';

const PNG_1PX = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

describe('cp-admin-branding', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  /** A colour of the previewed widget, as the browser paints it. */
  const painted = (el: HTMLElement, property: string) => getComputedStyle(deep(el, 'cp-admin-branding >>> [part=preview]')!).getPropertyValue(property).trim();

  const colour = async (el: HTMLElement, name: string, value: string) => {
    const input = deep<HTMLInputElement>(el, `cp-admin-branding >>> input[type=color][name=${name}]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle(el);
  };

  it('previews a preset and single colours on a real widget before anything is saved', async () => {
    const before = await call('GET', '/v1/branding');
    const el = await mountAdmin({ token: s.staff.token, tab: 'branding', customer: s.customerId });
    await until(() => deep(el, 'cp-admin-branding >>> [part=preview] >>> [part=header]') && deep(el, 'cp-admin-branding >>> select[name=preset]'), 'the form and the preview');
    await select(el, 'cp-admin-branding >>> select[name=preset]', 'forest');
    expect(painted(el, '--cp-color-primary')).to.equal('#15803d');
    expect(painted(el, '--cp-radius')).to.equal('6px');
    await colour(el, 'primary', '#7c3aed');
    expect(getComputedStyle(deep(el, 'cp-admin-branding >>> [part=preview] >>> button.primary')!).backgroundColor).to.equal('rgb(124, 58, 237)');
    await expect(deep(el, 'cp-admin-branding')).to.be.accessible();
    // Nothing was saved.
    expect(await call('GET', '/v1/branding')).to.deep.equal(before);
    deepAll<HTMLButtonElement>(el, 'cp-admin-branding >>> button').find((b) => b.textContent!.trim() === 'Undo the changes')!.click();
    await settle(el);
    expect(painted(el, '--cp-color-primary')).to.equal(before.colors.primary);
  });

  it("previews the portal as the customer's contacts see it: no internal task, no staff tools", async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'branding', customer: s.customerId });
    const preview = await until(() => deep(el, 'cp-admin-branding >>> [part=preview]'), 'the preview');
    await until(() => textOf(preview).includes('Configure single sign-on'), 'its tasks');
    expect(textOf(preview)).to.not.contain('Check adoption risk before the QBR');
    expect(deep(preview, '[part~=internal-badge]')).to.equal(null);
    expect(deep(preview, '[part=customer-select]')).to.equal(null);
    // The bell would be the CSM's own (internal tasks included): a preview has none.
    expect(deep(preview, '[part=bell]')).to.equal(null);
  });

  it('saves only what changed, and a logo', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'branding', customer: s.customerId });
    await until(() => deep(el, 'cp-admin-branding >>> input[type=color][name=success]'), 'the form');
    try {
      await colour(el, 'success', '#0f766e');
      const input = deep<HTMLInputElement>(el, 'cp-admin-branding >>> input[type=file]')!;
      const files = new DataTransfer();
      files.items.add(new File([PNG_1PX], 'logo.png', { type: 'image/png' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
      await until(() => deep<HTMLImageElement>(el, 'cp-admin-branding >>> .logo img')?.src.startsWith('data:image/png'), 'the logo shown');
      // The preview wears the logo before it is saved.
      await until(() => deep<HTMLImageElement>(el, 'cp-admin-branding >>> [part=preview] >>> [part=header] img')?.src.startsWith('data:image/png'), 'the unsaved logo in the preview');
      deep<HTMLButtonElement>(el, 'cp-admin-branding >>> button[type=submit]')!.click();
      await until(() => textOf(el).includes('The branding is saved.'), 'saved');
      const saved = await call('GET', '/v1/branding');
      expect(saved.colors.success).to.equal('#0f766e');
      expect(saved.logo_url).to.match(/\/branding\/.+\/logo\?v=/);
      const me = await call('GET', '/v1/me', undefined, s.contact.token);
      expect(me.tenant.branding.logo_url).to.equal(saved.logo_url);
    } finally {
      await call('PATCH', '/v1/branding', { colors: { success: null }, logo_document_id: null });
    }
  });
});
