import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { clientIp } from './client-ip.js';

/** Where a request comes from, as the audit trail records it. */
export interface RequestOrigin {
  /** The client address (behind `TRUST_PROXY`, the one our proxy saw); null without a socket. */
  readonly ip: string | null;
  readonly userAgent: string | null;
}

const MAX_USER_AGENT = 512;
const storage = new AsyncLocalStorage<RequestOrigin>();

/**
 * The origin of the request being served, or null outside one (workers, the command line).
 * The event log stamps every event with it, so every writer records who, from where, without
 * passing it down.
 * @example const { ip } = requestOrigin() ?? { ip: null };
 */
export const requestOrigin = (): RequestOrigin | null => storage.getStore() ?? null;

/** Runs `work` as if serving a request from `origin` (tests, and work queued for a request). */
export const withRequestOrigin = <T>(origin: RequestOrigin, work: () => T): T => storage.run(origin, work);

/** The middleware that makes `requestOrigin()` answer for the rest of the request. */
export const requestContext: MiddlewareHandler<AppEnv> = (c, next) => {
  const ip = clientIp(c);
  const agent = c.req.header('user-agent');
  const origin: RequestOrigin = { ip: ip === 'local' ? null : ip, userAgent: agent ? agent.slice(0, MAX_USER_AGENT) : null };
  return storage.run(origin, () => next());
};
