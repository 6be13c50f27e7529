import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, select, textOf, type, until } from '../test/admin.js';

describe('cp-admin-settings', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  const field = (el: HTMLElement, name: string) => deep<HTMLInputElement | HTMLTextAreaElement>(el, `cp-admin-settings >>> [name=${name}]`)!;
  const save = (el: HTMLElement) => deep<HTMLButtonElement>(el, 'cp-admin-settings >>> button[type=submit]')!.click();

  it('saves the allowed origins, the sender name and the page links lead to', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'settings' });
    await until(() => deep(el, 'cp-admin-settings >>> form'), 'the form');
    await expect(deep(el, 'cp-admin-settings')).to.be.accessible();
    try {
      // This page's own origin stays allowed, or every other widget test would be refused.
      type(field(el, 'origins'), `${location.origin}\nhttps://app.vendor.test`);
      type(field(el, 'from'), 'Northwind Success Team');
      type(field(el, 'app'), 'https://app.vendor.test/portal');
      save(el);
      await until(() => textOf(el).includes('The settings are saved.'), 'saved');
      expect(await call('GET', '/v1/settings')).to.deep.include({
        allowed_origins: [location.origin, 'https://app.vendor.test'],
        email_from: 'Northwind Success Team',
        app_url: 'https://app.vendor.test/portal',
      });
    } finally {
      await call('PATCH', '/v1/settings', { allowed_origins: [], email_from: null, app_url: null });
    }
  });

  it('saves how long sessions of the hosted and admin pages last', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'settings' });
    await until(() => deep(el, 'cp-admin-settings >>> form'), 'the form');
    expect(field(el, 'idle').value).to.equal('43200');
    expect(field(el, 'max-days').value).to.equal('90');
    try {
      type(field(el, 'idle'), '60');
      type(field(el, 'max-days'), '14');
      save(el);
      await until(() => textOf(el).includes('The settings are saved.'), 'saved');
      expect(await call('GET', '/v1/settings')).to.deep.include({ session_idle_minutes: 60, session_max_days: 14 });
    } finally {
      await call('PATCH', '/v1/settings', { session_idle_minutes: null, session_max_days: null });
    }
  });

  it('shows a refused value beside its field, with the reason', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'settings' });
    await until(() => deep(el, 'cp-admin-settings >>> form'), 'the form');
    type(field(el, 'origins'), 'https://app.vendor.test/with/a/path');
    save(el);
    const alert = await until(() => deep(el, 'cp-admin-settings >>> [role=alert]'), 'the refusal');
    expect(textOf(alert)).to.contain('The settings were not saved.');
    expect(textOf(deep(el, 'cp-admin-settings >>> ul.details')!)).to.contain('an origin such as "https://app.vendor.test" (no path)');
    expect((await call('GET', '/v1/settings')).allowed_origins).to.deep.equal([]);
  });

  it('shows a member the settings with every control off and the reason', async () => {
    const el = await mountAdmin({ token: s.member.token, tab: 'settings' });
    await until(() => deep(el, 'cp-admin-settings >>> form'), 'the form');
    expect(textOf(deep(el, 'cp-admin-settings')!)).to.contain('Only admins of your team change this.');
    expect(deep<HTMLFieldSetElement>(el, 'cp-admin-settings >>> fieldset.plain-fieldset')!.disabled).to.equal(true);
    expect(field(el, 'origins').matches(':disabled')).to.equal(true);
    await expect(deep(el, 'cp-admin-settings')).to.be.accessible();
  });

  it('saves the company sign-in: the secret is kept but never shown; requiring it waits for a first sign-in', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'settings' });
    await until(() => deep(el, 'cp-admin-settings >>> [name=issuer]'), 'the SSO form');
    await expect(deep(el, 'cp-admin-settings')).to.be.accessible();
    const saveSso = () => deepAll<HTMLButtonElement>(el, 'cp-admin-settings >>> button[type=submit]').find((b) => b.textContent!.includes('company sign-in'))!.click();
    try {
      type(field(el, 'issuer'), 'https://login.vendor.test');
      type(field(el, 'client-id'), 'portal-app');
      type(field(el, 'client-secret'), 'a-secret-that-stays-on-the-server');
      type(field(el, 'domains'), 'Vendor.test\nexample.test');
      saveSso();
      await until(() => textOf(el).includes('The settings are saved.'), 'saved');
      const saved = await call('GET', '/v1/settings');
      expect(saved.sso).to.deep.equal({ oidc: { issuer: 'https://login.vendor.test', client_id: 'portal-app', client_secret_set: true }, required_for: 'none', allowed_domains: ['vendor.test', 'example.test'], verified_at: null });
      await until(() => field(el, 'client-secret').getAttribute('placeholder') === 'Stored: leave empty to keep it', 'the stored hint');
      expect(field(el, 'client-secret').value).to.equal('');
      expect(textOf(el)).to.not.contain('a-secret-that-stays-on-the-server');
      expect(textOf(el)).to.contain('/sso/callback');

      await until(() => !deep<HTMLSelectElement>(el, 'cp-admin-settings >>> select[name=sso-required]')!.disabled, 'the requirement enabled');
      await select(el, 'cp-admin-settings >>> select[name=sso-required]', 'staff');
      saveSso();
      await until(() => textOf(el).includes('sign in once through the provider first'), 'the refusal');
      expect((await call('GET', '/v1/settings')).sso.required_for).to.equal('none');
    } finally {
      await call('PATCH', '/v1/settings', { sso: { oidc: null, allowed_domains: [] } });
    }
  });
});
