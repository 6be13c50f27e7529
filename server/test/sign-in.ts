import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../config.js';
import { buildWorld, databases, startTestApp, type TestApp, type World } from './harness.js';
import { startMailCatcher, type MailCatcher } from './mail-catcher.js';

/** The `Origin` of the test app's own pages (PUBLIC_URL is http://portal.test in tests). */
export const OWN_ORIGIN = 'http://portal.test';

/** The `cp_session=<value>` pair out of a response's Set-Cookie, ready for a Cookie header. */
export function sessionCookie(headers: Headers): string | null {
  const set = headers.getSetCookie().find((c) => c.startsWith('cp_session='));
  return set ? set.split(';')[0]! : null;
}

/** A client address of its own for each call, so tests do not share one per-IP limit (the app trusts X-Forwarded-For in tests). */
export const someIp = () => `198.51.100.${Math.floor(Math.random() * 254) + 1}`;

/** Asks for a sign-in link through the public API and returns the link the email carries. */
export async function requestLink(t: TestApp, mail: MailCatcher, tenantSlug: string, email: string): Promise<string> {
  const since = mail.messages.length;
  const r = await t.request('POST', '/v1/auth/magic-link', { body: { tenant: tenantSlug, email }, headers: { 'x-forwarded-for': someIp() } });
  if (r.status !== 202) throw new Error(`magic link: ${r.status} ${JSON.stringify(r.body)}`);
  const message = await mail.waitFor((m) => m.to.includes(email.toLowerCase()) && m.links.length > 0, since);
  return new URL(message.links[0]!).pathname;
}

/**
 * Signs a person in the way a browser does (link by email, confirm page, its POST) and
 * returns the session cookie and where the sign-in landed.
 * @example const { cookie } = await signIn(t, mail, slug, 'ana@acme.test');
 */
export async function signIn(t: TestApp, mail: MailCatcher, tenantSlug: string, email: string): Promise<{ cookie: string; location: string }> {
  const path = await requestLink(t, mail, tenantSlug, email);
  const r = await t.request('POST', path, { headers: { origin: OWN_ORIGIN } });
  const cookie = sessionCookie(r.headers);
  if (r.status !== 303 || !cookie) throw new Error(`sign-in: ${r.status}`);
  return { cookie, location: r.headers.get('location')! };
}

/** The slug of the World's tenant. */
export async function tenantSlug(t: TestApp, tenantId: string): Promise<string> {
  const row = await t.deps.db.selectFrom('tenants').select('slug').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return row.slug;
}

/** A test app that sends real mail to a local catcher, its World, and its tenant's slug. */
export interface MailWorld {
  t: TestApp;
  w: World;
  mail: MailCatcher;
  slug: string;
  close(): Promise<void>;
}

/**
 * Starts an app whose mail goes to a fresh catcher over SMTP and which trusts X-Forwarded-For
 * (so each test request may come from its own client address).
 * @example const { t, w, mail, slug } = await startWithMail(database);
 */
export async function startWithMail(database: (typeof databases)[number], overrides: Partial<Config> = {}): Promise<MailWorld> {
  const mail = await startMailCatcher();
  const t = await startTestApp(database, { smtpUrl: mail.url, trustProxy: true, ...overrides });
  const w = await buildWorld(t);
  return {
    t,
    w,
    mail,
    slug: await tenantSlug(t, w.tenantId),
    async close() {
      await t.close();
      await mail.close();
    },
  };
}

/**
 * A MailWorld for the suite around it: started before its tests, closed after them.
 * @example describe.each(databases)('x on $name', (database) => { const env = useMailWorld(database); it(…, () => env.t.request(…)); });
 */
export function useMailWorld(database: (typeof databases)[number], overrides: Partial<Config> = {}): MailWorld {
  const world = {} as MailWorld;
  beforeAll(async () => {
    Object.assign(world, await startWithMail(database, overrides));
  });
  afterAll(() => world.close());
  return world;
}
