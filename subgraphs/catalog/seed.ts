import type { Kysely } from 'kysely';
import { insertInChunks } from '../../platform/database.js';
import { categories, CURRENCY, products, type ProductSeed, type SeedSize } from '../shared/universe.js';
import { productSearchText } from './search-text.js';
import type { CatalogDatabase } from './tables.js';

const IMAGE_HOST = 'https://images.example-retailer.test';

/** One to three images per product, the same on every run. */
export function productImages(product: Pick<ProductSeed, 'id' | 'n'>): string[] {
  const count = 1 + ((product.n * 7) % 3);
  return Array.from({ length: count }, (_, k) => `${IMAGE_HOST}/${product.id}/${k + 1}.jpg`);
}

/** Writes the demo catalog of universe.ts: the category tree, products, variants, channel listings. */
export async function seedCatalog(db: Kysely<CatalogDatabase>, size: SeedSize): Promise<void> {
  // Parents come before their children in categories(), as the foreign key requires.
  await insertInChunks(
    db,
    'categories',
    categories().map((c) => ({ id: c.id, name: c.name, parent_id: c.parentId })),
  );
  const catalog = products(size);
  await insertInChunks(
    db,
    'products',
    catalog.map((p) => ({
      id: p.id,
      n: p.n,
      slug: p.slug,
      name: p.name,
      description: p.description,
      brand: p.brand,
      category_id: p.categoryId,
      images: JSON.stringify(productImages(p)),
      attributes: JSON.stringify(p.attributes),
      search_text: productSearchText(p.name, p.brand),
    })),
  );
  await insertInChunks(
    db,
    'variants',
    catalog.flatMap((p) =>
      p.variants.map((v, index) => ({
        sku: v.sku,
        product_id: p.id,
        position: index + 1,
        barcode: v.barcode,
        name: v.name,
        options: JSON.stringify(v.options),
        price_amount: v.price,
        price_currency: CURRENCY,
      })),
    ),
  );
  await insertInChunks(
    db,
    'channel_listings',
    catalog.flatMap((p) =>
      p.listings.map((l) => ({ product_id: p.id, channel: l.channel, published: l.published ? 1 : 0, title: l.title })),
    ),
  );
}
