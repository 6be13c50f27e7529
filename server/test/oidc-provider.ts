import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';
import * as client from 'openid-client';

/** A person at the test provider: who its id_tokens name. */
export interface ProviderAccount {
  email: string;
  email_verified: boolean;
  name?: string;
}

export interface ProviderClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

/**
 * A real OpenID provider (the `oidc-provider` package) on 127.0.0.1: discovery, JWKS, the
 * authorization and token endpoints, signed id_tokens. Its login screen signs in whoever the
 * test chose with `signInAs` (no form), and a test may make its token endpoint answer an
 * id_token of its choice (`answerIdToken`), as a compromised or mixed-up provider would.
 */
export interface TestProvider {
  issuer: string;
  signInAs(account: ProviderAccount): void;
  /** The next token responses carry this id_token instead of their own; null: their own again. */
  answerIdToken(idToken: string | null): void;
  close(): Promise<void>;
}

export async function startOidcProvider(clients: ProviderClient[]): Promise<TestProvider> {
  let current: ProviderAccount | null = null;
  let forgedIdToken: string | null = null;
  const accounts = new Map<string, ProviderAccount>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Its own signing key (a real provider's would be in its key store): id_tokens are RS256, checked against its JWKS.
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    jwks: { keys: [{ ...(await exportJWK(privateKey)), use: 'sig', alg: 'RS256', kid: `test-${issuer.split(':').at(-1)}` }] },
    clients: clients.map((c) => ({ ...c, grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' })),
    cookies: { keys: ['test-provider-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Real providers (Entra ID, Google, Okta with the scope) put the email in the id_token.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, email: account.email, email_verified: account.email_verified, name: account.name ?? account.email }) };
    },
    // Consent is the provider admin's: every scope asked for is granted at once.
    async loadExistingGrant(ctx: { oidc: { client: { clientId: string }; session: { accountId: string; grantIdFor(id: string): string | undefined }; provider: Provider } }) {
      const existing = ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    if (forgedIdToken && ctx.path === '/token' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') ctx.body = { ...(ctx.body as object), id_token: forgedIdToken };
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    void (async () => {
      if (!current) throw new Error('test provider: signInAs first');
      const id = `sub-${current.email}`;
      accounts.set(id, current);
      await provider.interactionDetails(req, res);
      await provider.interactionFinished(req, res, { login: { accountId: id } }, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  return {
    issuer,
    signInAs(account) {
      current = account;
    },
    answerIdToken(idToken) {
      forgedIdToken = idToken;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Follows a browser's redirects from `start` (the provider's authorization URL) with a cookie
 * jar, through the provider's login, until one leads to `redirectUri`: that URL, code and state in it.
 */
export async function followToCallback(start: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    const r = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const set of r.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const location = r.headers.get('location');
    if (!location) throw new Error(`test provider: ${r.status} at ${url}: ${await r.text()}`);
    const next = new URL(location, url);
    if (next.href.startsWith(redirectUri)) return next;
    url = next.href;
  }
  throw new Error('test provider: too many redirects');
}

/** A real id_token from `provider` for `account`, issued to `oidcClient` (a whole code flow, as any relying party runs it). */
export async function issueIdToken(provider: TestProvider, oidcClient: ProviderClient, account: ProviderAccount): Promise<string> {
  const config = await client.discovery(new URL(provider.issuer), oidcClient.client_id, oidcClient.client_secret, undefined, { execute: [client.allowInsecureRequests] });
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const redirectUri = oidcClient.redirect_uris[0]!;
  const url = client.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid email', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
  provider.signInAs(account);
  const back = await followToCallback(url.href, redirectUri);
  const tokens = await client.authorizationCodeGrant(config, back, { pkceCodeVerifier: verifier, expectedState: state });
  return tokens.id_token!;
}
