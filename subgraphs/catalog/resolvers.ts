import { GraphQLError } from 'graphql';
import type { CatalogContext } from './context.js';
import { toProductConnection } from './connection.js';
import { checkArguments } from './errors.js';
import type { Resolvers } from './generated/resolvers.js';
import { checkProductFilter, parsePageRequest, requireExactlyOne } from './input-rules.js';
import type { CategoryModel } from './models.js';
import { countProducts, findProductPage } from './product-lists.js';
import { findAllCategories } from './repository.js';
import { updateVariantPrice } from './price-updates.js';
import { announcePriceUpdate } from './price-announcements.js';
import { audited } from '../shared/audit.js';

async function categoryOf(context: CatalogContext, id: string): Promise<CategoryModel> {
  const category = await context.categoryById.load(id);
  // A foreign key guarantees it; reaching this means the data is corrupt, not the request.
  if (!category) throw new GraphQLError(`Category ${id} not found`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  return category;
}

export const catalogResolvers: Resolvers = {
  Mutation: {
    // The scope (catalog:write) is the directive's, enforced here too (enforce-directives.ts).
    updateVariantPrice: audited(
      'updateVariantPrice',
      async (_root, { input, idempotencyKey }, context: CatalogContext) => {
        const outcome = await updateVariantPrice(context.db, input, idempotencyKey, context.now());
        if (outcome.sku === null) return { variant: null, userErrors: outcome.userErrors };
        // Announced before the answer, so a client that reads after it never finds a cache that did not hear of it.
        if (outcome.committed && context.events) await announcePriceUpdate(context.events, outcome.committed);
        // Whatever this request loaded before holds the old price.
        context.variantBySku.clear(outcome.sku);
        return { variant: await context.variantBySku.load(outcome.sku), userErrors: [] };
      },
      ({ input }) => ({ sku: input.sku }),
    ),
  },
  Query: {
    product: (_root, args, context) => {
      const { key, value } = checkArguments(() => requireExactlyOne('product', ['id', 'slug'], args));
      return key === 'id' ? context.productById.load(value) : context.productBySlug.load(value);
    },
    variant: (_root, args, context) => {
      const { key, value } = checkArguments(() => requireExactlyOne('variant', ['sku', 'barcode'], args));
      return key === 'sku' ? context.variantBySku.load(value) : context.variantByBarcode.load(value);
    },
    products: async (_root, args, context) => {
      const page = checkArguments(() => parsePageRequest(args.first, args.after));
      const filter = checkArguments(() => checkProductFilter(args.filter));
      const products = await findProductPage(context.db, filter, page);
      context.rememberProducts(products);
      return toProductConnection(products, page, () => countProducts(context.db, filter));
    },
    categories: async (_root, _args, context) => {
      const categories = await findAllCategories(context.db);
      for (const category of categories) context.categoryById.prime(category.id, category);
      return categories;
    },
  },
  Product: {
    __resolveReference: (reference, context) => context.productById.load(reference.id),
    category: (product, _args, context) => categoryOf(context, product.categoryId),
    variants: (product, _args, context) => context.variantsByProductId.load(product.id),
    listings: (product, _args, context) => context.listingsByProductId.load(product.id),
    listing: async (product, args, context) => {
      const listings = await context.listingsByProductId.load(product.id);
      return listings.find((listing) => listing.channel === args.channel) ?? null;
    },
  },
  Variant: {
    __resolveReference: (reference, context) => context.variantBySku.load(reference.sku),
    product: async (variant, _args, context) => {
      const product = await context.productById.load(variant.productId);
      if (!product) {
        throw new GraphQLError(`Product ${variant.productId} not found`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      }
      return product;
    },
  },
  Category: {
    __resolveReference: (reference, context) => context.categoryById.load(reference.id),
    parent: (category, _args, context) => (category.parentId ? categoryOf(context, category.parentId) : null),
    products: async (category, args, context) => {
      const page = checkArguments(() => parsePageRequest(args.first, args.after));
      const products = await context.categoryProductPage.load({ categoryId: category.id, ...page });
      context.rememberProducts(products);
      return toProductConnection(products, page, () => context.categoryProductCount.load(category.id));
    },
  },
  ProductConnection: {
    totalCount: (connection) => connection.totalCount(),
  },
};
