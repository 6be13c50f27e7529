import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';

/**
 * The address a request came from, for rate limits. Behind a reverse proxy
 * (`TRUST_PROXY=true`) it is the last `X-Forwarded-For` hop, the one our proxy appended;
 * earlier hops are the client's to forge. Without a socket (in-process requests) it is "local".
 * @example await hit(db, `magic:ip:${clientIp(c)}`, limit);
 */
export function clientIp(c: Context<AppEnv>): string {
  if (c.var.deps.config.trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    const last = hops[hops.length - 1];
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}
