/**
 * What the store app's build leaves in dist/store and the gateway serves: the file names carry
 * their content's hash, so the gateway lets browsers keep them for good.
 */
import { join } from 'node:path';
import { projectRoot } from '../../platform/project-root.js';

export const STORE_APP_MANIFEST = 'manifest.json';

/** Where the build goes and the gateway serves it from: dist/store of this project. */
export const STORE_APP_OUTDIR = join(projectRoot(), 'dist', 'store');

export interface StoreAppManifest {
  /** The entry script (an ES module). */
  js: string;
  /** The style sheet. */
  css: string;
  /** Every file the gateway may serve under /store/assets/ (the two above and any chunk or image). */
  files: string[];
}
