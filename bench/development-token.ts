/**
 * Bearer tokens for the bench scripts when the person running them gives none (`--token` /
 * `TOKEN`): minted as `npm run token` does with no key source set, HS256 with the public
 * development secret for the gateway's default issuer and audience. Only a gateway that verifies
 * with that secret accepts them: `npm start` with none of JWT_SECRET, JWKS_PATH, JWKS_URL set.
 */
import { loadGatewayConfig } from '../gateway/config.js';
import { DEVELOPMENT_JWT_SECRET } from '../gateway/identity/development-secret.js';
import { mintDevelopmentToken } from '../gateway/identity/mint-token.js';

/** Who a minted token acts for (see gateway/identity/principal.ts). */
export interface DevelopmentPrincipal {
  subject: string;
  scopes: readonly string[];
  /** The store a `store:staff` principal works at. */
  storeId?: string;
}

/** What bench scripts say about the tokens they mint, in their usage text and error messages. */
export const DEVELOPMENT_TOKEN_NOTE =
  'signed with the public development secret, so only a gateway using it accepts them (npm start with no JWT_SECRET, JWKS_PATH or JWKS_URL)';

// The gateway's defaults, read from its own configuration rather than repeated here.
const { identity } = loadGatewayConfig({ JWT_SECRET: DEVELOPMENT_JWT_SECRET });

/** A token for `principal`, valid for `expiresIn` (a jose span: 90s, 15m, 1h). */
export function mintBenchToken(principal: DevelopmentPrincipal, expiresIn = '1h'): Promise<string> {
  return mintDevelopmentToken({
    secret: DEVELOPMENT_JWT_SECRET,
    issuer: identity.issuer,
    audience: identity.audience,
    subject: principal.subject,
    scopes: principal.scopes,
    storeId: principal.storeId,
    expiresIn,
  });
}

/** The principals the bench scripts act as. */
export const CALL_CENTER: DevelopmentPrincipal = { subject: 'bench-callcenter', scopes: ['callcenter'] };
export const BACK_OFFICE: DevelopmentPrincipal = { subject: 'bench-backoffice', scopes: ['stock:write'] };
/** Sets list prices (updateVariantPrice). */
export const PRICE_MANAGER: DevelopmentPrincipal = { subject: 'bench-prices', scopes: ['catalog:write'] };
export const storeStaff = (storeId: string): DevelopmentPrincipal => ({ subject: `bench-staff-${storeId}`, scopes: ['store:staff'], storeId });
