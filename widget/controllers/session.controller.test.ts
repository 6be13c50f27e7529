import { expect } from '@open-wc/testing';
import { LitElement } from 'lit';
import { SessionController, type TokenSource } from './session.controller.js';
import type { TokenClaims } from './token-claims.js';
import { tokenUrl } from '../test/portal.js';

/** An unsigned token, as a host's provider could hand over: the session reads it, the service would check it. */
const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"none"}', JSON.stringify(claims)].map((p) => btoa(p).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')).join('.') + '.x';
const now = () => Math.floor(Date.now() / 1000);

class Host extends LitElement {}
customElements.define('session-host', Host);

function session(source: TokenSource) {
  const host = document.body.appendChild(new Host());
  const changes: [TokenClaims | null, TokenClaims][] = [];
  const controller = new SessionController(host, () => source, (before, after) => changes.push([before, after]));
  return { controller, changes, host };
}

describe('the session', () => {
  it('gets its token from token-url (the real service, through the vendor-like test backend)', async () => {
    const { controller, changes, host } = session({ tokenUrl: tokenUrl('ana-session', 'Ana Session', 'contact', 'acme-session') });
    const token = await controller.token();
    expect(token.split('.')).to.have.length(3);
    expect(controller.claims!.role).to.equal('contact');
    expect(changes).to.have.length(1);
    expect(await controller.token()).to.equal(token);
    host.remove();
  });

  it('renews before the token expires, without telling anyone when the user is the same', async () => {
    let calls = 0;
    const { controller, changes, host } = session({
      tokenProvider: async () => {
        calls++;
        return jwt({ sub: 'usr_1', role: 'contact', cid: 'cus_1', aud: 'ten_1', iat: now(), exp: now() + 7 });
      },
    });
    await controller.token();
    expect(calls).to.equal(1);
    await new Promise((r) => setTimeout(r, 2600));
    expect(calls).to.equal(2);
    expect(changes).to.have.length(1);
    host.remove();
  });

  it('tells the host when the token is for another user', async () => {
    let user = 'usr_1';
    const { controller, changes, host } = session({ tokenProvider: async () => jwt({ sub: user, role: 'contact', cid: 'cus_1', aud: 'ten_1', iat: now(), exp: now() + 900 }) });
    await controller.token();
    user = 'usr_2';
    await controller.token(true);
    expect(changes.map(([before, after]) => [before?.sub ?? null, after.sub])).to.deep.equal([
      [null, 'usr_1'],
      ['usr_1', 'usr_2'],
    ]);
    host.remove();
  });

  it("passes on the portal's reason when the token-url passes its refusal through", async () => {
    // The test backend forwards the portal's answer as it is, as the README's endpoint does.
    const { controller, host } = session({ tokenUrl: `/__portal/token?spec=${encodeURIComponent('{"user": {}}')}` });
    const error = await controller.token().catch((e) => e);
    expect(error.status).to.equal(400);
    expect(error.code).not.to.equal('token_url_failed');
    expect(error.message).to.match(/^The token URL answered 400: ./);
    host.remove();
  });

  it('refuses a token-url that does not answer a token, and having no credential at all', async () => {
    const bad = session({ tokenUrl: '/__portal/info' });
    const error = await bad.controller.token().catch((e) => e);
    expect(error.code).to.equal('token_url_failed');
    const none = session({});
    expect((await none.controller.token().catch((e) => e)).code).to.equal('no_credentials');
    bad.host.remove();
    none.host.remove();
  });
});
