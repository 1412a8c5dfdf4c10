import type { Selectable } from 'kysely';
import type { Attribute } from './generated/resolvers.js';
import type { CategoryModel, ChannelListingModel, ProductModel, VariantModel } from './models.js';
import type { CategoriesTable, ChannelListingsTable, ProductsTable, VariantsTable } from './tables.js';

/** Row to model: decodes JSON columns and renames to camelCase. */

export type ProductRow = Omit<Selectable<ProductsTable>, 'search_text'>;

export function toProduct(row: ProductRow): ProductModel {
  return {
    id: row.id,
    n: row.n,
    slug: row.slug,
    name: row.name,
    description: row.description,
    brand: row.brand,
    categoryId: row.category_id,
    images: JSON.parse(row.images) as string[],
    attributes: JSON.parse(row.attributes) as Attribute[],
  };
}

export function toVariant(row: Selectable<VariantsTable>): VariantModel {
  return {
    sku: row.sku,
    productId: row.product_id,
    position: row.position,
    barcode: row.barcode,
    name: row.name,
    options: JSON.parse(row.options) as Attribute[],
    price: { amount: row.price_amount, currency: row.price_currency },
  };
}

export function toCategory(row: Selectable<CategoriesTable>): CategoryModel {
  return { id: row.id, name: row.name, parentId: row.parent_id };
}

export function toListing(row: Selectable<ChannelListingsTable>): ChannelListingModel {
  return {
    // Written only from the Channel enum (see seed.ts).
    channel: row.channel as ChannelListingModel['channel'],
    published: row.published === 1,
    title: row.title,
  };
}
