/**
 * Bearer tokens for tests, signed with the development secret the test graph's gateway accepts
 * (no key source is configured in tests), for the default issuer and audience.
 */
import { DEVELOPMENT_JWT_SECRET } from '../../gateway/identity/development-secret.js';
import { mintDevelopmentToken } from '../../gateway/identity/mint-token.js';

export interface TokenClaims {
  sub: string;
  scopes: readonly string[];
  storeId?: string;
  /** A jose time span; default 1h. */
  expiresIn?: string;
}

export async function bearer(claims: TokenClaims): Promise<Record<string, string>> {
  const token = await mintDevelopmentToken({
    secret: DEVELOPMENT_JWT_SECRET,
    issuer: 'omnichannel-dev',
    audience: 'omnichannel-graph',
    subject: claims.sub,
    scopes: claims.scopes,
    storeId: claims.storeId,
    expiresIn: claims.expiresIn ?? '1h',
  });
  return { authorization: `Bearer ${token}` };
}

/** A call-center agent: any customer. */
export const asCallCenter = () => bearer({ sub: 'agent-007', scopes: ['callcenter'] });
/** A web shopper signed in as `customerId`. */
export const asCustomer = (customerId: string) => bearer({ sub: customerId, scopes: ['customer'] });
/** Store staff of `storeId`: stock moves in that store only. */
export const asStoreStaff = (storeId: string) => bearer({ sub: `staff-${storeId}`, scopes: ['store:staff'], storeId });
/** The back office: stock moves anywhere. */
export const asStockOffice = () => bearer({ sub: 'backoffice-1', scopes: ['stock:write'] });
