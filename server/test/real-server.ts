import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { startServer, type RunningServer } from '../serve.js';
import type { WorkerOptions } from '../workers.js';
import { createTenant } from '../tenants/tenant.repository.js';

export interface RealServer {
  url: string;
  apiKey: string;
  tenantId: string;
  server: RunningServer;
  /** One API call with the API key (or `token`); the parsed JSON, or an error unless 2xx. */
  call<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<T>;
  close(): Promise<void>;
}

/**
 * The real service on a free port over a temporary SQLite database, with one tenant: what the
 * browser tests, the end-to-end test and the widget benchmark run against (`workers`: shorter
 * timings for a test that waits on them).
 * @example const s = await startRealServer(); await fetch(`${s.url}/v1/tasks`, { headers: { authorization: `Bearer ${s.apiKey}` } });
 */
export async function startRealServer(options: { port?: number; tenant?: string; config?: Partial<Config>; workers?: WorkerOptions } = {}): Promise<RealServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cp-real-'));
  const config = loadConfig({ DATABASE_URL: `sqlite:${join(dataDir, 'portal.db')}` }, { port: options.port ?? 0, host: '127.0.0.1', dataDir, ...options.config });
  const server = await startServer(config, undefined, options.workers);
  const { tenant, api_key: apiKey } = await createTenant(server.deps.db, { name: options.tenant ?? 'Northwind Software' });
  const call = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<T> => {
    const response = await fetch(server.url + path, {
      method,
      headers: { authorization: `Bearer ${token ?? apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    url: server.url,
    apiKey,
    tenantId: tenant.id,
    server,
    call,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
