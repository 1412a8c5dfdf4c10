import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../schema/compose.js';
import { SUPERGRAPH_PATH } from '../../schema/subgraphs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

describe('generated artefacts', () => {
  it('schema/supergraph.graphql is what the subgraph SDLs compose to (run `npm run compose`)', () => {
    const outcome = composeSupergraph();
    if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(outcome.supergraphSdl);
  });

  it('generated resolver and operation types are fresh (run `npm run codegen`)', async () => {
    const result = await run(process.execPath, [
      'node_modules/@graphql-codegen/cli/esm/bin.js', '--config', 'codegen.yml', '--check',
    ], { cwd: root }).then(() => 'fresh', (error: { stdout?: string; stderr?: string }) => `${error.stdout}\n${error.stderr}`);
    expect(result).toBe('fresh');
  }, 120_000);

  const shared = fileURLToPath(new URL('../../../shared/operations/', import.meta.url));
  it.skipIf(!existsSync(shared))('tests/operations/ holds the users\' documents byte for byte', () => {
    for (const file of readdirSync(shared)) {
      expect(readFileSync(`${root}tests/operations/${file}`, 'utf8'), file).toBe(readFileSync(`${shared}${file}`, 'utf8'));
    }
  });
});
