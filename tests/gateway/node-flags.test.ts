/**
 * The gateway's V8 flags (gateway/node-flags.ts) are what `npm start` and `npm run start:gateway`
 * pass to node: package.json cannot import the list, so this keeps the two from drifting apart, and
 * the flags are ones this node accepts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { GATEWAY_NODE_FLAGS } from '../../gateway/node-flags.js';

const scripts = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;

it.each(['start', 'start:gateway'])('npm run %s runs node with the gateway’s flags', (name) => {
  expect(scripts[name]).toMatch(new RegExp(`^node ${GATEWAY_NODE_FLAGS.join(' ')} --import tsx gateway/`));
});

it('node accepts each flag', () => {
  // Node refuses an unknown flag ("bad option", exit code 9): execFileSync throws.
  const output = execFileSync(process.execPath, [...GATEWAY_NODE_FLAGS, '-e', 'process.stdout.write("ok")'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(output).toBe('ok');
});
