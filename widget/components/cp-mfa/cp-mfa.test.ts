import { expect } from '@open-wc/testing';
import { Secret, TOTP } from 'otpauth';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, textOf, until } from '../../test/portal.js';

/** The code an authenticator app shows for `secret`, `steps` periods from now. */
const codeFor = (secret: string, steps = 0) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 });

const submitCode = (el: HTMLElement, id: string, code: string) => {
  const input = deep<HTMLInputElement>(el, `cp-mfa >>> #${id}`)!;
  input.value = code;
  input.form!.requestSubmit();
};

describe('cp-mfa', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario('mfa');
  });

  it('sets up an authenticator with its key, shows the recovery codes once, and turns it off with a code', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'settings' });
    await until(() => textOf(el).includes('Set up an authenticator app'), 'the set-up button');
    await expect(deep(el, 'cp-mfa')).to.be.accessible();
    deepAll<HTMLButtonElement>(el, 'cp-mfa >>> button').find((b) => b.textContent!.includes('Set up'))!.click();
    const key = await until(() => deep(el, 'cp-mfa >>> code')?.textContent, 'the key');
    const secret = key.replace(/\s/g, '');
    expect(secret).to.match(/^[A-Z2-7]{32}$/);
    expect(deep<HTMLAnchorElement>(el, 'cp-mfa >>> a')!.href).to.match(/^otpauth:\/\/totp\//);
    await expect(deep(el, 'cp-mfa')).to.be.accessible();

    submitCode(el, 'mfa-confirm', codeFor(secret));
    await until(() => deepAll(el, 'cp-mfa >>> .codes li').length === 10, 'ten recovery codes');
    const firstCode = deep(el, 'cp-mfa >>> .codes code')!.textContent!;
    expect((await call('GET', '/v1/me/mfa', undefined, s.contact.token)).totp).to.equal('on');
    deepAll<HTMLButtonElement>(el, 'cp-mfa >>> button').find((b) => b.textContent!.includes('I have saved them'))!.click();
    await until(() => textOf(el).includes('10 recovery codes left'), 'the count');
    expect(deepAll(el, 'cp-mfa >>> .codes li')).to.have.length(0);
    await expect(deep(el, 'cp-mfa')).to.be.accessible();

    submitCode(el, 'mfa-remove', firstCode);
    await until(() => textOf(el).includes('Ask for a code from an authenticator app'), 'off again');
    expect((await call('GET', '/v1/me/mfa', undefined, s.contact.token)).totp).to.equal('off');
  });
});
