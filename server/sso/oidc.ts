import * as client from 'openid-client';
import type { StoredSso } from './sso-settings.js';

type Oidc = NonNullable<StoredSso['oidc']>;

/** Discovery documents change rarely: kept this long per issuer, client and secret. */
const DISCOVERY_TTL_MS = 10 * 60_000;
const TIMEOUT_SECONDS = 10;

const cache = new Map<string, { config: client.Configuration; until: number }>();

const isLoopback = (issuer: string) => new URL(issuer).protocol === 'http:';

/**
 * The client configuration for a tenant's provider: its discovery document (the issuer it
 * names must be the one configured) and so its endpoints and JWKS.
 * @throws when the provider cannot be reached or its document is not one
 */
export async function providerConfig(oidc: Oidc, now = Date.now()): Promise<client.Configuration> {
  const key = JSON.stringify([oidc.issuer, oidc.client_id, oidc.client_secret]);
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.config;
  const config = await client.discovery(new URL(oidc.issuer), oidc.client_id, oidc.client_secret, undefined, {
    timeout: TIMEOUT_SECONDS,
    // The settings accept plain http only for a provider on this machine's loopback.
    ...(isLoopback(oidc.issuer) ? { execute: [client.allowInsecureRequests] } : {}),
  });
  cache.set(key, { config, until: now + DISCOVERY_TTL_MS });
  return config;
}

/** What a sign-in needs to remember until the provider sends the person back. */
export interface StartedFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  url: URL;
}

/** The provider's authorization URL for a new sign-in: code flow, PKCE (S256), `state` and `nonce`. */
export async function startFlow(config: client.Configuration, redirectUri: string): Promise<StartedFlow> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { state, nonce, codeVerifier, url };
}

/** Who the provider says signed in. */
export interface ProviderIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/**
 * Exchanges the callback's code (with the PKCE verifier) and checks the id_token: signature
 * against the provider's JWKS, issuer, audience, expiry, nonce; the state too. The email comes
 * from the id_token, or from userinfo when the provider keeps it there.
 * @throws on any check that fails, or a provider that refuses the code (used, foreign, expired)
 */
export async function finishFlow(
  config: client.Configuration,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<ProviderIdentity> {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: expected.codeVerifier,
    expectedState: expected.state,
    expectedNonce: expected.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims()!;
  let source: Record<string, unknown> = claims;
  if (typeof claims.email !== 'string') source = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  return {
    subject: claims.sub,
    email: typeof source.email === 'string' ? source.email.trim().toLowerCase() : null,
    // Only a JSON true: a provider that does not say so has not verified the address.
    emailVerified: source.email_verified === true,
    name: typeof source.name === 'string' ? source.name : null,
  };
}
