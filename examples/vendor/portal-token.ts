import type { IncomingMessage, ServerResponse } from 'node:http';

/** A person of the vendor's app, as `POST /v1/embed-tokens` takes it. */
export interface DemoUser {
  label: string;
  user: { external_id: string; name: string; email?: string; role: 'contact' | 'staff' };
  customer?: { external_id: string; name?: string };
}

/** The demo seed's people (see server/seed/demo.ts): a contact at Acme, a reseller's rep and the vendor's CSM. */
export const DEMO_USERS: Record<string, DemoUser> = {
  contact: {
    label: 'Ana Silva (Acme, customer)',
    user: { external_id: 'demo-ana', name: 'Ana Silva', email: 'ana@acme.test', role: 'contact' },
    customer: { external_id: 'acme', name: 'Acme Ltd' },
  },
  partner: {
    label: 'Rita Reyes (Channel Co, partner)',
    user: { external_id: 'demo-rita', name: 'Rita Reyes', email: 'rita@channelco.test', role: 'contact' },
    customer: { external_id: 'channel-co', name: 'Channel Co' },
  },
  csm: { label: 'Sam Carter (your CSM)', user: { external_id: 'demo-csm-sam', name: 'Sam Carter', email: 'sam@northwind.test', role: 'staff' } },
};

/** The signed-in demo user, from the vendor app's own cookie. */
export function signedIn(req: IncomingMessage, users: Record<string, DemoUser>): string {
  const chosen = /(?:^|;\s*)demo_user=(\w+)/.exec(req.headers.cookie ?? '')?.[1];
  return chosen && users[chosen] ? chosen : Object.keys(users)[0]!;
}

/**
 * The one endpoint a vendor adds to its backend: it knows who is signed in (here, a cookie) and
 * trades its API key for a short embed token for that person. The API key never reaches the page.
 * A refusal of the portal goes through as it is (the widget reports its reason); a portal that is
 * down or silent for 10 s answers 502 in the contract's error shape.
 * @example http.createServer((req, res) => req.url === '/portal-token' ? handler(req, res) : …)
 */
export function portalTokenHandler(options: { apiBase: string; apiKey: string; users: Record<string, DemoUser> }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const person = options.users[signedIn(req, options.users)]!;
    try {
      const answer = await fetch(`${options.apiBase}/v1/embed-tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user: person.user, ...(person.customer ? { customer: person.customer } : {}), ttl_seconds: 600 }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await answer.json()) as { token?: string; error?: unknown };
      res.writeHead(answer.ok ? 200 : answer.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(answer.ok ? { token: body.token } : body));
    } catch {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'portal_unreachable', message: 'The portal service could not be reached' } }));
    }
  };
}
