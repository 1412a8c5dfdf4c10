/**
 * @apollo/gateway (the JS engine) refuses a supergraph that links a feature `for: SECURITY` it does
 * not implement, and it implements neither `@authenticated` nor `@requiresScopes` (Apollo Router
 * does, under its enterprise licence). We enforce both ourselves, before planning
 * (authorize-operation.ts), so the engine is handed the supergraph with those two links downgraded
 * to plain links: their directives stay in the SDL for us to read, and the engine ignores them.
 */
const ENFORCED_HERE = ['https://specs.apollo.dev/authenticated/', 'https://specs.apollo.dev/requiresScopes/'];

const SECURITY_LINK = /@link\(\s*url:\s*"([^"]+)"([^)]*?),\s*for:\s*SECURITY\s*\)/g;

export function downgradeEnforcedSecurityLinks(supergraphSdl: string): string {
  return supergraphSdl.replace(SECURITY_LINK, (link, url: string, rest: string) =>
    ENFORCED_HERE.some((prefix) => url.startsWith(prefix)) ? `@link(url: "${url}"${rest})` : link,
  );
}
