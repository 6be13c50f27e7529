import { describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { openEvents } from '../test/live-fixtures.js';
import { compileAllowlist, parseCidr } from './ip-allowlist.js';

describe('CIDRs', () => {
  it('takes IPv4 and IPv6 networks and single addresses, and refuses what is not one', () => {
    expect(parseCidr('203.0.113.0/24')?.canonical).toBe('203.0.113.0/24');
    expect(parseCidr('203.0.113.7')?.canonical).toBe('203.0.113.7/32');
    expect(parseCidr('2001:DB8::/32')?.canonical).toBe('2001:db8::/32');
    for (const bad of ['203.0.113.7/24', '203.0.113.0/33', '300.0.0.0/8', '2001:db8::1/32', '2001:db8::/129', 'example.test', '', '1.2.3.4/']) expect(parseCidr(bad), bad).toBeNull();
    const allows = compileAllowlist('["203.0.113.0/24", "2001:db8::/32"]')!;
    expect(['203.0.113.9', '::ffff:203.0.113.9', '2001:db8:1::5'].map(allows)).toEqual([true, true, true]);
    expect(['203.0.114.1', '2001:db9::1', 'local', ''].map(allows)).toEqual([false, false, false, false]);
    expect(compileAllowlist('[]')).toBeNull();
  });
});

describe.each(databases)('IP allowlists behind a proxy on $name', (database) => {
  const env = useWorld(database, { trustProxy: true });
  const call = (auth: string, forwardedFor?: string) => env.t.request('GET', '/v1/tasks', { auth, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });

  it("refuses a customer's contacts outside its allowlist with 403 ip_not_allowed, by the address the proxy saw", async () => {
    expect((await call(env.w.contactA, '198.51.100.1')).status).toBe(200);
    const set = await env.t.request('PATCH', `/v1/customers/${env.w.customerA}`, { auth: env.w.staff, body: { ip_allowlist: ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7'] } });
    expect(set.body.ip_allowlist).toEqual(['203.0.113.0/24', '2001:db8::/32', '198.51.100.7/32']);

    const refused = await call(env.w.contactA, '198.51.100.1');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'ip_not_allowed']);
    expect((await call(env.w.contactA, '203.0.113.9')).status).toBe(200);
    expect((await call(env.w.contactA, '2001:db8::5')).status).toBe(200);
    expect((await call(env.w.contactA, '198.51.100.7')).status).toBe(200);
    // Only the last hop counts: the ones before are the client's to write.
    expect((await call(env.w.contactA, '203.0.113.9, 198.51.100.1')).status).toBe(403);
    expect((await call(env.w.contactA, '198.51.100.1, 203.0.113.9')).status).toBe(200);
    // No address at all is outside the list.
    expect((await call(env.w.contactA)).status).toBe(403);
    // The live stream and /v1/me are refused the same way.
    expect((await env.t.request('GET', '/v1/me', { auth: env.w.contactA, headers: { 'x-forwarded-for': '198.51.100.1' } })).status).toBe(403);
    expect((await openEvents(env.t, env.w.contactA)).status).toBe(403);
    // Another customer's contacts, the team and API keys are not bound by it.
    expect((await call(env.w.contactB, '198.51.100.1')).status).toBe(200);
    expect((await call(env.w.staff, '198.51.100.1')).status).toBe(200);
    expect((await call(env.w.key, '198.51.100.1')).status).toBe(200);
    // Emptied: any address again, at once.
    await env.t.request('PATCH', `/v1/customers/${env.w.customerA}`, { auth: env.w.key, body: { ip_allowlist: [] } });
    expect((await call(env.w.contactA, '198.51.100.1')).status).toBe(200);
  });
});

describe.each(databases)('IP allowlists without a trusted proxy on $name', (database) => {
  const env = useWorld(database);

  it('ignores X-Forwarded-For: a forged header opens nothing', async () => {
    await env.t.request('PATCH', `/v1/customers/${env.w.customerA}`, { auth: env.w.key, body: { ip_allowlist: ['203.0.113.0/24'] } });
    const r = await env.t.request('GET', '/v1/tasks', { auth: env.w.contactA, headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect([r.status, r.body.error.code]).toEqual([403, 'ip_not_allowed']);
  });
});
