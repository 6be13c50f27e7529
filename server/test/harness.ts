import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import type { Deps } from '../context.js';
import { connect } from '../db/connect.js';
import { createDeps } from '../deps.js';
import { randomToken } from '../lib/ids.js';
import { createTenant } from '../tenants/tenant.repository.js';

/** The databases every storage test runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL names one. */
export const databases: { name: 'sqlite' | 'postgres'; url: string }[] = [
  { name: 'sqlite', url: 'sqlite::memory:' },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres' as const, url: process.env.TEST_DATABASE_URL }] : []),
];

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  auth?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A real, migrated app over a fresh database (a fresh PostgreSQL schema), and a way to call it. */
export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  config: Config;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<Reply<T>>;
  close(): Promise<void>;
}

/**
 * Starts the app for one test file.
 * @example const t = await startTestApp('sqlite'); const r = await t.request('GET', '/v1/tasks', { auth: key });
 */
export async function startTestApp(database: (typeof databases)[number], overrides: Partial<Config> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cp-test-'));
  let schema: string | undefined;
  if (database.name === 'postgres') {
    schema = `t_${randomToken(8).toLowerCase()}`;
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
  }
  const config = loadConfig({ DATABASE_URL: database.url, PUBLIC_URL: 'http://portal.test' }, { dataDir, ...overrides });
  const storage = connect(database.url.startsWith('postgres') ? database.url : ':memory:', { schema, poolSize: 4 });
  const deps = await createDeps(config, storage);
  const app = createApp(deps);

  const request = async (method: string, path: string, options: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth) headers.authorization = `Bearer ${options.auth}`;
    let body: BodyInit | undefined;
    if (options.body instanceof FormData || typeof options.body === 'string') body = options.body;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };

  return {
    app,
    deps,
    config,
    request,
    async close() {
      await deps.blobs.close();
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (schema) {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        await client.query(`drop schema ${schema} cascade`);
        await client.end();
      }
    },
  };
}

/** Two tenants, two customers, their people and their credentials: the cast of most tests. */
export interface World {
  tenantId: string;
  key: string;
  otherTenantKey: string;
  otherTenantId: string;
  customerA: string;
  customerB: string;
  /** Embed tokens. */
  contactA: string;
  contactB: string;
  staff: string;
  contactAId: string;
  contactBId: string;
  staffId: string;
  /** A contact of customer A who has been deactivated, and the token issued before. */
  deactivated: string;
  deactivatedId: string;
}

/** Issues an embed token through the public API. */
export async function embedToken(
  t: TestApp,
  key: string,
  user: { external_id: string; name: string; role: 'staff' | 'contact'; email?: string; staff_role?: 'admin' | 'member' },
  customer?: { external_id: string; name?: string },
): Promise<{ token: string; user_id: string; customer_id: string | null }> {
  const r = await t.request('POST', '/v1/embed-tokens', { auth: key, body: { user, ...(customer ? { customer } : {}) } });
  if (r.status !== 201) throw new Error(`embed token: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** `PATCH` with the API key: `/v1/users/:id {portal_access: "deactivated"}` or `/v1/customers/:id {portal_enabled: false}`. */
export async function cutAccess(t: TestApp, key: string, target: { userId: string } | { customerId: string }): Promise<void> {
  const [path, body] = 'userId' in target ? [`/v1/users/${target.userId}`, { portal_access: 'deactivated' }] : [`/v1/customers/${target.customerId}`, { portal_enabled: false }];
  const r = await t.request('PATCH', path, { auth: key, body });
  if (r.status !== 200) throw new Error(`${path} was refused: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Builds the World through the public API (and the tenant through the command line's function); Dan is deactivated through `PATCH /v1/users/:id`. */
export async function buildWorld(t: TestApp): Promise<World> {
  const { tenant, api_key: key } = await createTenant(t.deps.db, { name: `Vendor ${randomToken(4)}`, slug: `v-${randomToken(6).toLowerCase()}` });
  const other = await createTenant(t.deps.db, { name: 'Other vendor', slug: `o-${randomToken(6).toLowerCase()}` });
  const a = await embedToken(t, key, { external_id: 'ana', name: 'Ana Silva', role: 'contact', email: 'ana@acme.test' }, { external_id: 'acme', name: 'Acme Ltd' });
  const b = await embedToken(t, key, { external_id: 'bob', name: 'Bob Stone', role: 'contact', email: 'bob@globex.test' }, { external_id: 'globex', name: 'Globex' });
  const s = await embedToken(t, key, { external_id: 'sam', name: 'Sam Staff', role: 'staff', email: 'sam@vendor.test', staff_role: 'admin' });
  const d = await embedToken(t, key, { external_id: 'dan', name: 'Dan Gone', role: 'contact', email: 'dan@acme.test' }, { external_id: 'acme' });
  await cutAccess(t, key, { userId: d.user_id });
  return {
    tenantId: tenant.id,
    key,
    otherTenantKey: other.api_key,
    otherTenantId: other.tenant.id,
    customerA: a.customer_id!,
    customerB: b.customer_id!,
    contactA: a.token,
    contactB: b.token,
    staff: s.token,
    contactAId: a.user_id,
    contactBId: b.user_id,
    staffId: s.user_id,
    deactivated: d.token,
    deactivatedId: d.user_id,
  };
}
