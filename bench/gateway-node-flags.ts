/**
 * The node flags the benchmarks start each gateway with. Ours runs with the flags its production
 * start script ships (`npm run start:gateway` in package.json: the one place they are written), so
 * the bench measures the gateway as it is run (from its TypeScript through tsx, the same code); GATEWAY_NODE_FLAGS adds to them (profiling). The
 * peers run with node's defaults unless PEER_NODE_FLAGS gives them flags (the same ones, say, to
 * see what the flags alone are worth to them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const split = (flags: string | undefined) => flags?.split(' ').filter(Boolean) ?? [];

/** The node flags of package.json's `start:gateway` (`node <flags> dist/gateway/main.js`): those before the script, but a loader. */
export function shippedGatewayFlags(root: string): string[] {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = split(scripts['start:gateway']);
  if (words[0] !== 'node') return [];
  const flags: string[] = [];
  for (let i = 1; i < words.length && words[i]!.startsWith('--'); i++) {
    if (words[i] === '--import' || words[i] === '--require') i++;
    else flags.push(words[i]!);
  }
  return flags;
}

/** Node flags for our gateway in a benchmark: the shipped ones, then GATEWAY_NODE_FLAGS. */
export function oursNodeFlags(root: string): string[] {
  return [...shippedGatewayFlags(root), ...split(process.env.GATEWAY_NODE_FLAGS)];
}

/** Node flags for a peer gateway in a benchmark: PEER_NODE_FLAGS, none by default. */
export function peerNodeFlags(): string[] {
  return split(process.env.PEER_NODE_FLAGS);
}
