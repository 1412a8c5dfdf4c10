/** `npm start` serves the store screen: built here when dist/store has no build (a fresh checkout). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildStoreApp } from '../apps/store/build.js';
import { STORE_APP_MANIFEST, STORE_APP_OUTDIR } from '../apps/store/manifest.js';

export async function ensureStoreAppBuilt(): Promise<void> {
  if (existsSync(join(STORE_APP_OUTDIR, STORE_APP_MANIFEST))) return;
  if (process.env.STORE_APP === 'false' || process.env.STORE_APP === '0') return;
  const started = Date.now();
  try {
    await buildStoreApp(STORE_APP_OUTDIR);
    console.log(`  (built the store app into dist/store in ${Date.now() - started} ms)`);
  } catch (error) {
    // The graph serves without it; /store says how to build it.
    console.warn(`The store app could not be built (${error instanceof Error ? error.message : String(error)}): run npm run build`);
  }
}
