/**
 * The store app's build (what `npm run build` and a first `npm start` run): one script and one style
 * sheet named by their content, listed in the manifest the gateway serves from, with nothing loaded
 * from elsewhere.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildStoreApp } from '../../apps/store/build.js';
import { STORE_APP_MANIFEST } from '../../apps/store/manifest.js';

const outdir = mkdtempSync(join(tmpdir(), 'store-app-build-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the store app build', () => {
  it('writes a hashed script and style sheet and a manifest naming exactly them', async () => {
    const manifest = await buildStoreApp(outdir);
    expect(manifest.js).toMatch(/^app-[A-Z0-9]+\.js$/);
    expect(manifest.css).toMatch(/^app-[A-Z0-9]+\.css$/);
    expect(manifest.files.sort()).toEqual([manifest.css, manifest.js].sort());
    expect(readdirSync(outdir).sort()).toEqual([manifest.css, manifest.js, STORE_APP_MANIFEST].sort());
    expect(JSON.parse(readFileSync(join(outdir, STORE_APP_MANIFEST), 'utf8'))).toEqual(manifest);
    const script = readFileSync(join(outdir, manifest.js), 'utf8');
    // React's production build, bundled: no development warnings, no module loaded from a CDN.
    expect(script).not.toMatch(/from\s*["']https?:/);
    expect(script).not.toContain('react.development');
  });

  it('builds again into the same folder, leaving no file of the previous build', async () => {
    const first = await buildStoreApp(outdir);
    const second = await buildStoreApp(outdir);
    expect(second).toEqual(first);
    expect(readdirSync(outdir)).toHaveLength(3);
  });
});
