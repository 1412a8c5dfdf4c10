/**
 * Layers that only point one way: the gateway and the subgraphs share contracts through
 * `platform/` (internal principal, authorization policy, database, migrations, Redis connection)
 * and neither reaches into the other; `platform/` depends on neither; only the all-in-one
 * development launcher (`launcher/`) starts both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, relative ones.
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|\n)\s*import\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') || file.endsWith('.tsx'))
    .map((file) => join(root, folder, file));
}

/** The top-level folder each relative import of `file` lands in. */
function importedFolders(file: string): { specifier: string; folder: string }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => {
    const specifier = (match[1] ?? match[2] ?? match[3])!;
    return { specifier, folder: relative(root, resolve(dirname(file), specifier)).split(/[\\/]/)[0]! };
  });
}

function violations(folder: string, forbidden: readonly string[]): string[] {
  return sourceFiles(folder).flatMap((file) =>
    importedFolders(file)
      .filter(({ folder: target }) => forbidden.includes(target))
      .map(({ specifier }) => `${relative(root, file)} imports ${specifier}`),
  );
}

describe('layers', () => {
  it('the gateway imports nothing from the subgraphs (nor the launcher)', () => {
    expect(violations('gateway', ['subgraphs', 'launcher'])).toEqual([]);
  });

  it('the subgraphs import nothing from the gateway (nor the launcher)', () => {
    expect(violations('subgraphs', ['gateway', 'launcher'])).toEqual([]);
  });

  it('platform/ depends on neither side', () => {
    expect(violations('platform', ['gateway', 'subgraphs', 'launcher'])).toEqual([]);
  });

  it('the store app is a client of the graph: its code imports nothing of the gateway, the subgraphs or platform', () => {
    expect(violations('apps/store/src', ['gateway', 'subgraphs', 'platform', 'launcher'])).toEqual([]);
  });

  it('the check sees imports at all', () => {
    expect(importedFolders(join(root, 'launcher', 'all-in-one.ts')).map(({ folder }) => folder)).toEqual(expect.arrayContaining(['gateway', 'subgraphs']));
  });
});
