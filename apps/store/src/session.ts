/**
 * Who is signed in: the bearer token and what its claims say (read for display and to choose the
 * store; the gateway verifies the token, the app never trusts its own reading for rights).
 * Kept in sessionStorage: closing the tab signs out.
 */
export type Role = 'store' | 'callcenter';

export interface Session {
  token: string;
  subject: string;
  role: Role;
  /** The store of a store-staff token; the call center chooses one. */
  storeId: string | undefined;
  expiresAt: Date;
  /** From the identity provider, to get the next token before this one expires. */
  refreshToken?: string | undefined;
}

const STORAGE_KEY = 'omnichannel.store.token';
const REFRESH_KEY = 'omnichannel.store.refresh';

/** Thrown when a pasted token cannot be used: `reason` is a key of the messages (i18n.ts). */
export class TokenProblem extends Error {
  constructor(readonly reason: 'tokenMalformed' | 'tokenExpired' | 'tokenNoRole') {
    super(reason);
  }
}

function decodeClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) throw new TokenProblem('tokenMalformed');
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as unknown;
    if (claims === null || typeof claims !== 'object') throw new TokenProblem('tokenMalformed');
    return claims as Record<string, unknown>;
  } catch {
    throw new TokenProblem('tokenMalformed');
  }
}

export function sessionFromToken(raw: string, refreshToken?: string): Session {
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  const claims = decodeClaims(token);
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  const storeId = typeof claims.storeId === 'string' ? claims.storeId : undefined;
  const expiresAt = new Date(typeof claims.exp === 'number' ? claims.exp * 1000 : 0);
  if (expiresAt.getTime() <= Date.now()) throw new TokenProblem('tokenExpired');
  const role: Role | undefined = scopes.includes('callcenter') ? 'callcenter' : scopes.includes('store:staff') && storeId ? 'store' : undefined;
  if (!role) throw new TokenProblem('tokenNoRole');
  return { token, subject: typeof claims.sub === 'string' ? claims.sub : '', role, storeId, expiresAt, refreshToken };
}

export function restoreSession(): Session | undefined {
  const token = sessionStorage.getItem(STORAGE_KEY);
  if (!token) return undefined;
  try {
    return sessionFromToken(token, sessionStorage.getItem(REFRESH_KEY) ?? undefined);
  } catch {
    saveSession(undefined);
    return undefined;
  }
}

export function saveSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(STORAGE_KEY, session.token);
  else sessionStorage.removeItem(STORAGE_KEY);
  if (session?.refreshToken) sessionStorage.setItem(REFRESH_KEY, session.refreshToken);
  else sessionStorage.removeItem(REFRESH_KEY);
}
