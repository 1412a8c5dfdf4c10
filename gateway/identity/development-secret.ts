/**
 * The HS256 secret `npm start` and `npm run token` use when JWT_SECRET, JWKS_PATH and JWKS_URL
 * are all unset, so the quick start can mint and use tokens. It is public (it is in the source):
 * a token signed with it proves nothing, and a real deployment sets its own key source.
 */
export const DEVELOPMENT_JWT_SECRET = 'omnichannel-development-secret-do-not-deploy';

/** The variables that name a key source; none set means the development secret applies (all-in-one only). */
export const KEY_SOURCE_VARIABLES = ['JWT_SECRET', 'JWKS_PATH', 'JWKS_URL'] as const;

export function namesKeySource(env: NodeJS.ProcessEnv): boolean {
  return KEY_SOURCE_VARIABLES.some((name) => env[name] !== undefined && env[name] !== '');
}
