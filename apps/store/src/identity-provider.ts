/**
 * Signing in with the identity provider: OAuth 2.0 authorization code with PKCE, as a public
 * client (oauth4webapi, which also checks the provider's answers). The page goes to the provider's
 * authorization endpoint and comes back to /store with a code, exchanged at the token endpoint for
 * the access token the gateway verifies (JWKS_URL). The verifier and state wait in sessionStorage
 * between the two pages and are used once.
 */
import * as oauth from 'oauth4webapi';
import type { IdentityProviderSettings } from './settings.js';

const PENDING_KEY = 'omnichannel.store.sign-in';

/** Plain HTTP only to a provider on this machine (development); anywhere else it must be HTTPS. */
function insecureAllowed(issuer: URL): boolean {
  return issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
}

async function discover(settings: IdentityProviderSettings): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(settings.issuer);
  const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', [oauth.allowInsecureRequests]: insecureAllowed(issuer) });
  return oauth.processDiscoveryResponse(issuer, response);
}

/** Where the provider sends people back: this page, without its query. */
function redirectUri(): string {
  return `${location.origin}${location.pathname}`;
}

/** Leaves for the provider's sign-in page. */
export async function startSignIn(settings: IdentityProviderSettings): Promise<void> {
  const server = await discover(settings);
  if (!server.authorization_endpoint) throw new Error('the identity provider names no authorization endpoint');
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(server.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('scope', settings.scope);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  location.assign(url.href);
}

/** True when this page load is the provider sending someone back (a code or an error in the query). */
export function isReturnFromProvider(): boolean {
  const query = new URLSearchParams(location.search);
  return query.has('state') && (query.has('code') || query.has('error'));
}

export interface ProviderTokens {
  accessToken: string;
  /** When the provider gives one: the next access token comes from it, without the person. */
  refreshToken: string | undefined;
}

/** Exchanges the code the provider sent back for tokens. Throws with the provider's reason. */
export async function finishSignIn(settings: IdentityProviderSettings): Promise<ProviderTokens> {
  const query = new URLSearchParams(location.search);
  // The code is single-use: off the address bar at once, whatever happens next.
  history.replaceState(null, '', location.pathname);
  const pending = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!pending) throw new Error('this sign-in was not started from this page');
  const { verifier, state } = JSON.parse(pending) as { verifier: string; state: string };
  const server = await discover(settings);
  const client: oauth.Client = { client_id: settings.clientId };
  const callback = oauth.validateAuthResponse(server, client, query, state);
  const response = await oauth.authorizationCodeGrantRequest(server, client, oauth.None(), callback, redirectUri(), verifier, {
    [oauth.allowInsecureRequests]: insecureAllowed(new URL(settings.issuer)),
  });
  const tokens = await oauth.processAuthorizationCodeResponse(server, client, response);
  return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
}

/** The next access token for the same person (refresh token grant); throws when the provider refuses. */
export async function refreshSignIn(settings: IdentityProviderSettings, refreshToken: string): Promise<ProviderTokens> {
  const server = await discover(settings);
  const client: oauth.Client = { client_id: settings.clientId };
  const response = await oauth.refreshTokenGrantRequest(server, client, oauth.None(), refreshToken, {
    [oauth.allowInsecureRequests]: insecureAllowed(new URL(settings.issuer)),
  });
  const tokens = await oauth.processRefreshTokenResponse(server, client, response);
  // A provider may rotate the refresh token, or keep the one it gave.
  return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token ?? refreshToken };
}
