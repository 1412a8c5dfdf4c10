/**
 * Bearer tokens for tests, minted as the bench scripts mint theirs (bench/development-token.ts):
 * the development secret the test graph's gateway accepts, the default issuer and audience.
 */
import { mintBenchToken } from '../../bench/development-token.js';

export interface TokenClaims {
  sub: string;
  scopes: readonly string[];
  storeId?: string;
  /** A jose time span; default 1h. */
  expiresIn?: string;
}

export async function bearer(claims: TokenClaims): Promise<Record<string, string>> {
  const principal = { subject: claims.sub, scopes: claims.scopes, ...(claims.storeId === undefined ? {} : { storeId: claims.storeId }) };
  return { authorization: `Bearer ${await mintBenchToken(principal, claims.expiresIn ?? '1h')}` };
}

/** A call-center agent: any customer. */
export const asCallCenter = () => bearer({ sub: 'agent-007', scopes: ['callcenter'] });
/** A web shopper signed in as `customerId`. */
export const asCustomer = (customerId: string) => bearer({ sub: customerId, scopes: ['customer'] });
/** Store staff of `storeId`: stock moves in that store only. */
export const asStoreStaff = (storeId: string) => bearer({ sub: `staff-${storeId}`, scopes: ['store:staff'], storeId });
/** The back office: stock moves anywhere. */
export const asStockOffice = () => bearer({ sub: 'backoffice-1', scopes: ['stock:write'] });
