import { foldForSearch } from '../shared/fold-text.js';

/** The searchable text of a product: its name and its brand, one per line. */
export function productSearchText(name: string, brand: string): string {
  return `${foldForSearch(name)}\n${foldForSearch(brand)}`;
}
