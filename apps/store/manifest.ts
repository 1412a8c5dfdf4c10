/**
 * What the store app's build leaves in dist/store and the gateway serves: the file names carry
 * their content's hash, so the gateway lets browsers keep them for good.
 */
export const STORE_APP_MANIFEST = 'manifest.json';

export interface StoreAppManifest {
  /** The entry script (an ES module). */
  js: string;
  /** The style sheet. */
  css: string;
  /** Every file the gateway may serve under /store/assets/ (the two above and any chunk or image). */
  files: string[];
}
