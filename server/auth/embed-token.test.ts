import { base64url, importJWK, SignJWT } from 'jose';
import { generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';

describe.each(databases)('embed tokens on $name', (database) => {
  const env = useWorld(database);

  const tasks = (token: string, headers: Record<string, string> = {}) => env.t.request('GET', '/v1/tasks', { auth: token, headers });
  const privateKey = async () => {
    const row = await env.t.deps.db.selectFrom('signing_keys').selectAll().where('retired_at', 'is', null).executeTakeFirstOrThrow();
    return { kid: row.kid, key: await importJWK(JSON.parse(row.private_jwk), 'ES256'), publicJwk: JSON.parse(row.public_jwk) };
  };
  const claims = () => ({ role: 'contact', cid: env.w.customerA });
  const sign = async (
    payload: Record<string, unknown>,
    options: { aud?: string; iss?: string; sub?: string; exp?: number; iat?: number } = {},
  ) => {
    const { kid, key } = await privateKey();
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(options.iss ?? 'http://portal.test')
      .setAudience(options.aud ?? env.w.tenantId)
      .setSubject(options.sub ?? env.w.contactAId)
      .setIssuedAt(options.iat ?? now)
      .setExpirationTime(options.exp ?? now + 600)
      .sign(key);
  };

  it('issues a token the JWKS verifies, with the contract claims', async () => {
    const jwks = await env.t.request('GET', '/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.body.keys[0].d).toBeUndefined();
    const issued = await env.t.request('POST', '/v1/embed-tokens', {
      auth: env.w.key,
      body: { customer: { external_id: 'acme' }, user: { external_id: 'ana', name: 'Ana Silva', role: 'contact' }, ttl_seconds: 120 },
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ customer_id: env.w.customerA, user_id: env.w.contactAId });
    const [header, payload] = issued.body.token.split('.').slice(0, 2).map((p: string) => JSON.parse(new TextDecoder().decode(base64url.decode(p))));
    expect(header).toMatchObject({ alg: 'ES256', kid: jwks.body.keys[0].kid });
    expect(payload).toMatchObject({ iss: 'http://portal.test', aud: env.w.tenantId, sub: env.w.contactAId, cid: env.w.customerA, role: 'contact' });
    expect(payload.exp - payload.iat).toBe(120);
    expect(typeof payload.jti).toBe('string');
    expect(Date.parse(issued.body.expires_at)).toBe(payload.exp * 1000);
    expect((await tasks(issued.body.token)).status).toBe(200);
  });

  it('refuses forged, tampered, expired and misdirected tokens', async () => {
    const encode = (o: object) => base64url.encode(JSON.stringify(o));
    const now = Math.floor(Date.now() / 1000);
    const body = { iss: 'http://portal.test', aud: env.w.tenantId, sub: env.w.staffId, role: 'staff', iat: now, exp: now + 600 };
    const { kid, publicJwk } = await privateKey();

    const none = `${encode({ alg: 'none', kid })}.${encode(body)}.`;
    const hs256 = await new SignJWT(body).setProtectedHeader({ alg: 'HS256', kid }).sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
    const [h, , s] = (await sign(claims())).split('.');
    const tampered = `${h}.${encode({ ...body, role: 'staff', sub: env.w.contactAId })}.${s}`;
    const foreign = await new SignJWT(body).setProtectedHeader({ alg: 'ES256', kid }).sign((await generateKeyPair('ES256')).privateKey);
    const expired = await sign(claims(), { iat: now - 1200, exp: now - 600 });
    const otherAudience = await sign(claims(), { aud: env.w.otherTenantId });
    const otherIssuer = await sign(claims(), { iss: 'https://evil.test' });
    const otherCustomer = await sign({ role: 'contact', cid: env.w.customerB });
    const promoted = await sign({ role: 'staff' });

    for (const [name, token] of Object.entries({ none, hs256, tampered, foreign, expired, otherAudience, otherIssuer, otherCustomer, promoted, garbage: 'abc.def' })) {
      const reply = await tasks(token);
      expect(reply.status, name).toBe(401);
      expect(reply.body.error.code, name).toMatch(/^(invalid_token|unauthenticated)$/);
      expect(JSON.stringify(reply.body), name).not.toMatch(/at .*\.ts|stack/i);
    }
    expect((await tasks(await sign(claims()))).status).toBe(200);
  });

  it('keeps tokens of a rotated key working and signs new ones with the new key', async () => {
    const before = await embedToken(env.t, env.w.key, { external_id: 'sam', name: 'Sam Staff', role: 'staff' });
    const newKid = await env.t.deps.keys.rotate();
    const after = await embedToken(env.t, env.w.key, { external_id: 'sam', name: 'Sam Staff', role: 'staff' });
    const kidOf = (token: string) => JSON.parse(new TextDecoder().decode(base64url.decode(token.split('.')[0]!))).kid;
    expect(kidOf(after.token)).toBe(newKid);
    expect(kidOf(before.token)).not.toBe(newKid);
    expect((await tasks(before.token)).status).toBe(200);
    expect((await tasks(after.token)).status).toBe(200);
    const jwks = await env.t.request('GET', '/.well-known/jwks.json');
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toEqual(expect.arrayContaining([kidOf(before.token), newKid]));
  });

  it('stops a deactivated person at once and refuses them new tokens', async () => {
    const fresh = await embedToken(env.t, env.w.key, { external_id: 'eve', name: 'Eve', role: 'contact' }, { external_id: 'acme' });
    expect((await tasks(fresh.token)).status).toBe(200);
    expect((await env.t.request('PATCH', `/v1/users/${fresh.user_id}`, { auth: env.w.key, body: { portal_access: 'deactivated' } })).status).toBe(200);
    const refused = await tasks(fresh.token);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('access_revoked');
    const again = await env.t.request('POST', '/v1/embed-tokens', { auth: env.w.key, body: { customer: { external_id: 'acme' }, user: { external_id: 'eve', name: 'Eve', role: 'contact' } } });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('access_revoked');
  });

  it('validates the request and upserts by external id', async () => {
    const post = (body: unknown, auth = env.w.key) => env.t.request('POST', '/v1/embed-tokens', { auth, body });
    const user = { external_id: 'zoe', name: 'Zoe', role: 'contact' };
    expect((await post({ user })).status).toBe(400);
    expect((await post({ user, customer: { external_id: 'acme' }, ttl_seconds: 59 })).status).toBe(400);
    expect((await post({ user, customer: { external_id: 'acme' }, ttl_seconds: 3601 })).status).toBe(400);
    expect((await post({ user: { ...user, role: 'admin' }, customer: { external_id: 'acme' } })).status).toBe(400);
    expect((await post({ user: { ...user, email: 'not-an-email' }, customer: { external_id: 'acme' } })).status).toBe(400);
    expect((await post({ user, customer: { external_id: 'acme' } }, env.w.contactA)).status).toBe(403);
    expect((await post({ user, customer: { external_id: 'acme' } }, env.w.staff)).status).toBe(403);
    expect((await post({ user, customer: { external_id: 'acme' } }, null as unknown as string)).status).toBe(401);

    const first = await post({ user, customer: { external_id: 'new-co', name: 'New Co' } });
    const second = await post({ user: { ...user, name: 'Zoe Q.' }, customer: { external_id: 'new-co' } });
    expect(second.body.user_id).toBe(first.body.user_id);
    expect(second.body.customer_id).toBe(first.body.customer_id);
    const moved = await post({ user, customer: { external_id: 'acme' } });
    expect(moved.status).toBe(409);
    const other = await post({ user, customer: { external_id: 'new-co' } }, env.w.otherTenantKey);
    expect(other.status).toBe(201);
    expect(other.body.customer_id).not.toBe(first.body.customer_id);
  });

  it('refuses embed tokens from origins the tenant did not allow, and answers preflights for any', async () => {
    const allow = (origins: string[]) => env.t.request('PATCH', '/v1/settings', { auth: env.w.key, body: { allowed_origins: origins } });
    expect((await allow(['https://app.vendor.test'])).status).toBe(200);
    try {
      const refused = await tasks(env.w.contactA, { origin: 'https://evil.test' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('origin_not_allowed');
      expect((await tasks(env.w.contactA, { origin: 'https://app.vendor.test' })).status).toBe(200);
      expect((await tasks(env.w.contactA)).status).toBe(200);
      expect((await env.t.request('GET', '/v1/tasks', { auth: env.w.key, headers: { origin: 'https://evil.test' } })).status).toBe(200);
      const preflight = await env.t.request('OPTIONS', '/v1/tasks', { headers: { origin: 'https://evil.test', 'access-control-request-method': 'GET' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    } finally {
      await allow([]);
    }
  });
});
