/**
 * `npm run schema:check`: breaking changes of the public schema against the committed one fail the
 * check unless allowed; additions pass.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPublicSchema } from '../../schema/check.js';
import { PUBLIC_SCHEMA_PATH } from '../../schema/compose.js';
import { readSubgraphSdl } from '../../schema/subgraphs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const catalog = readSubgraphSdl('catalog');

/** The catalog SDL with Product.brand (a public field) gone. */
const withoutBrand = catalog.replace('  "Brand name."\n  brand: String! @tag(name: "public")\n', '');
/** The catalog SDL with a new public field on Product. */
const withOrigin = catalog.replace('  "Brand name."\n', '  "Country of origin."\n  origin: String @tag(name: "public")\n  "Brand name."\n');

describe('npm run schema:check', () => {
  it('passes when the public schema is the committed one', async () => {
    const result = await checkPublicSchema();
    expect(result.changes).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it('fails on a removed public field, naming it', async () => {
    expect(withoutBrand).not.toBe(catalog);
    const result = await checkPublicSchema({ sdlOverrides: { catalog: withoutBrand } });
    expect(result.exitCode).toBe(1);
    const report = result.report.join('\n');
    expect(report).toMatch(/BREAKING\s+Product\.brand: Field 'brand' was removed from object type 'Product'/);
    expect(report).toContain('--allow-breaking');
  });

  it('passes on an added public field, listing it as safe', async () => {
    expect(withOrigin).not.toBe(catalog);
    const result = await checkPublicSchema({ sdlOverrides: { catalog: withOrigin } });
    expect(result.exitCode).toBe(0);
    expect(result.report.join('\n')).toMatch(/SAFE\s+Product\.origin: Field 'origin' was added to object type 'Product'/);
  });

  it('sees no change in a field added outside the contract', async () => {
    const internal = catalog.replace('  "Brand name."\n', '  "Shelf code, for the staff."\n  shelf: String\n  "Brand name."\n');
    const result = await checkPublicSchema({ sdlOverrides: { catalog: internal } });
    expect(result.changes).toEqual([]);
  });

  it('lets a breaking change through when allowed', async () => {
    const result = await checkPublicSchema({ sdlOverrides: { catalog: withoutBrand }, allowBreaking: true });
    expect(result.exitCode).toBe(0);
    expect(result.report.join('\n')).toMatch(/BREAKING\s+Product\.brand/);
  });

  it('fails, with the composition errors, when the contract does not compose', async () => {
    const reviews = readSubgraphSdl('reviews').replace('  author: Customer\n', '  author: Customer @tag(name: "public")\n');
    const result = await checkPublicSchema({ sdlOverrides: { reviews } });
    expect(result.exitCode).toBe(1);
    expect(result.report.join('\n')).toMatch(/REFERENCED_INACCESSIBLE[\s\S]*schema\/reviews\.graphql/);
  });

  describe('as a command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-check-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    // A base schema with one more public field than the SDLs give: for the check, that field was removed.
    const base = join(dir, 'public.graphql');
    writeFileSync(base, readFileSync(PUBLIC_SCHEMA_PATH, 'utf8').replace(
      '  """Brand name."""\n  brand: String!\n',
      '  """Brand name."""\n  brand: String!\n\n  """Former supplier code."""\n  legacyCode: String!\n',
    ));
    const check = (args: string[], env: Record<string, string> = {}) =>
      run(process.execPath, ['--import', 'tsx', 'schema/check.ts', ...args], { cwd: root, env: { ...process.env, ...env } }).then(
        ({ stdout }) => ({ code: 0, output: stdout }),
        (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code, output: `${error.stdout}${error.stderr}` }),
      );

    it('exits 1 on a breaking change, and 0 when SCHEMA_CHECK_ALLOW_BREAKING=1 or --allow-breaking', async () => {
      const refused = await check(['--base', base]);
      expect(refused.code).toBe(1);
      expect(refused.output).toMatch(/BREAKING\s+Product\.legacyCode/);
      expect((await check(['--base', base], { SCHEMA_CHECK_ALLOW_BREAKING: '1' })).code).toBe(0);
      expect((await check(['--base', base, '--allow-breaking'])).code).toBe(0);
    }, 60_000);
  });
});
