/**
 * Builds the store app (apps/store/src) into dist/store with esbuild: one minified ES module and
 * one style sheet, React and the graphql-ws client bundled from the project's own packages.
 * `npm run build` runs it; `npm start` runs it when dist/store has no build yet.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { projectRoot } from '../../platform/project-root.js';
import { STORE_APP_MANIFEST, STORE_APP_OUTDIR, type StoreAppManifest } from './manifest.js';

/** The sources, found from the project's root so the build runs from source or from dist alike. */
const appFolder = join(projectRoot(import.meta.url), 'apps', 'store');

export async function buildStoreApp(outdir: string): Promise<StoreAppManifest> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await build({
    entryPoints: { app: join(appFolder, 'src', 'main.tsx') },
    bundle: true,
    format: 'esm',
    splitting: false,
    minify: true,
    sourcemap: false,
    target: ['chrome109', 'safari16', 'firefox115'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    outdir,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const files = Object.keys(result.metafile.outputs).map((file) => basename(file));
  const js = files.find((file) => file.endsWith('.js'));
  const css = files.find((file) => file.endsWith('.css'));
  if (!js || !css) throw new Error(`store app build: expected a script and a style sheet, got ${files.join(', ')}`);
  const manifest: StoreAppManifest = { js, css, files: (await readdir(outdir)).filter((file) => file !== STORE_APP_MANIFEST) };
  // Written last: a gateway serves the app only once every file it names is there.
  await writeFile(join(outdir, STORE_APP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const manifest = await buildStoreApp(STORE_APP_OUTDIR);
  console.log(`store app built into dist/store in ${Date.now() - started} ms: ${manifest.files.join(', ')}`);
}
