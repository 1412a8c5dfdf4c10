/**
 * Folds text for case- and accent-insensitive search: "Éclat" and "eclat" fold alike. Folding is
 * done here rather than with SQL lower(), which leaves non-ASCII letters alone on SQLite.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The searchable text of a product: its name and its brand, one per line. */
export function productSearchText(name: string, brand: string): string {
  return `${foldForSearch(name)}\n${foldForSearch(brand)}`;
}
