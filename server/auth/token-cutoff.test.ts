import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { issuedAtFor, issuedBeforeCutoff } from './token-cutoff.js';

/** Waits for the start of a wall-clock second, so what follows most likely shares it. */
const startOfSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));

describe('the access cutoff, by the second', () => {
  const cutoff = Date.parse('2026-12-01T20:00:00.400Z');
  const second = cutoff / 1000 - 0.4;
  it('refuses every token of the cutoff second and before it, and issues new ones after it', () => {
    expect(issuedBeforeCutoff(second - 1, cutoff)).toBe(true);
    expect(issuedBeforeCutoff(second, cutoff)).toBe(true);
    expect(issuedBeforeCutoff(second + 1, cutoff)).toBe(false);
    expect(issuedBeforeCutoff(second, null)).toBe(false);
    expect(issuedAtFor(cutoff, cutoff + 300)).toBe(second + 1);
    expect(issuedAtFor(cutoff, cutoff + 5000)).toBe(second + 5);
    expect(issuedAtFor(null, cutoff)).toBe(second);
  });
});

describe.each(databases)('tokens issued before access ended, on $name', (database) => {
  const env = useWorld(database);
  const me = (token: string) => env.t.request('GET', '/v1/me', { auth: token });
  const contact = (externalId: string) => embedToken(env.t, env.w.key, { external_id: externalId, name: externalId, role: 'contact' }, { external_id: 'acme' });

  it('stay refused once the person is reactivated, while a token issued after works, even within the same second', async () => {
    await startOfSecond();
    const before = await contact('ivy');
    expect((await me(before.token)).status).toBe(200);
    expect((await env.t.request('PATCH', `/v1/users/${before.user_id}`, { auth: env.w.key, body: { portal_access: 'deactivated' } })).status).toBe(200);
    expect((await me(before.token)).body.error.code).toBe('access_revoked');
    expect((await env.t.request('PATCH', `/v1/users/${before.user_id}`, { auth: env.w.staff, body: { portal_access: 'active' } })).status).toBe(200);

    const revived = await me(before.token);
    expect(revived.status).toBe(401);
    expect(revived.body.error.code).toBe('access_revoked');
    const after = await contact('ivy');
    expect((await me(after.token)).status).toBe(200);
    expect(decodeJwt(after.token).iat).toBeGreaterThan(decodeJwt(before.token).iat!);

    // Forever: a later deactivation and reactivation changes nothing for the first token.
    await env.t.request('PATCH', `/v1/users/${before.user_id}`, { auth: env.w.key, body: { portal_access: 'deactivated' } });
    await env.t.request('PATCH', `/v1/users/${before.user_id}`, { auth: env.w.key, body: { portal_access: 'active' } });
    expect((await me(before.token)).status).toBe(401);
    expect((await me(after.token)).status).toBe(401);
    expect((await me((await contact('ivy')).token)).status).toBe(200);
  });

  it("stay refused once a customer's portal is switched off and on again; staff are not touched", async () => {
    await startOfSecond();
    const before = await contact('jay');
    const staff = await embedToken(env.t, env.w.key, { external_id: 'sam', name: 'Sam Staff', role: 'staff' });
    const otherCustomer = await me(env.w.contactB);
    expect(otherCustomer.status).toBe(200);
    for (const portal_enabled of [false, true]) {
      expect((await env.t.request('PATCH', `/v1/customers/${env.w.customerA}`, { auth: env.w.key, body: { portal_enabled } })).status).toBe(200);
    }
    for (const token of [before.token, env.w.contactA]) {
      const r = await me(token);
      expect([r.status, r.body.error?.code]).toEqual([401, 'access_revoked']);
    }
    expect((await me(staff.token)).status).toBe(200);
    expect((await me(env.w.contactB)).status).toBe(200);
    expect((await me((await contact('jay')).token)).status).toBe(200);
  });
});
