/**
 * Folds text for case- and accent-insensitive matching: lower-case, accent-free, single-spaced
 * ("  Hélène " and "helene" fold alike). Stored search columns and searches are both folded here,
 * in JS, because SQLite's lower() folds ASCII letters only: both engines then agree.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
