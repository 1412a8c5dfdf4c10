/** What the gateway tells the app in the page (gateway/store-app.ts renders it). */
export interface StoreSettings {
  /** The GraphQL endpoint, same origin: POST for queries and mutations, WebSocket for subscriptions. */
  graphqlPath: string;
  /** Whether the gateway mints development tokens on the sign-in page (the public development secret). */
  developmentTokens: boolean;
  /** The identity provider people sign in with (authorization code + PKCE), when the gateway names one. */
  identityProvider: IdentityProviderSettings | undefined;
}

export interface IdentityProviderSettings {
  issuer: string;
  clientId: string;
  scope: string;
}

export function readSettings(): StoreSettings {
  const element = document.getElementById('store-settings');
  const parsed = element?.textContent ? (JSON.parse(element.textContent) as Partial<StoreSettings>) : {};
  return { graphqlPath: parsed.graphqlPath ?? '/graphql', developmentTokens: parsed.developmentTokens === true, identityProvider: parsed.identityProvider };
}
