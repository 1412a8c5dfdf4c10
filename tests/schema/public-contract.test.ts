/**
 * The partners' contract (schema/public.graphql): the catalog, prices, promotions, store
 * availability and reviews, and nothing personal, internal or exact about stock.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, isObjectType, parse, print, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PUBLIC_SCHEMA_PATH, PUBLIC_SUPERGRAPH_PATH, composeContract } from '../../schema/compose.js';
import { PUBLIC_CONTRACT, applyContract, decideContract } from '../../schema/contract.js';
import { readSubgraphSdl } from '../../schema/subgraphs.js';

const committed = buildSchema(readFileSync(PUBLIC_SCHEMA_PATH, 'utf8'));

function fieldsOf(schema: GraphQLSchema, typeName: string): string[] {
  const type = schema.getType(typeName);
  return isObjectType(type) ? Object.keys(type.getFields()) : [];
}

function argsOf(schema: GraphQLSchema, typeName: string, fieldName: string): string[] {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return [];
  return type.getFields()[fieldName]?.args.map((a) => a.name) ?? [];
}

describe('the committed public contract', () => {
  it('is what the subgraph SDLs compose to (run `npm run compose`)', () => {
    const outcome = composeContract();
    if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
    expect(readFileSync(PUBLIC_SCHEMA_PATH, 'utf8')).toBe(outcome.apiSchemaSdl);
    expect(readFileSync(PUBLIC_SUPERGRAPH_PATH, 'utf8')).toBe(outcome.supergraphSdl);
  });

  it('has no customer, order, wishlist, ticket, ledger or reservation type', () => {
    for (const name of [
      'Customer', 'Order', 'OrderLine', 'WishlistItem', 'SupportTicket', 'Consents', 'Loyalty',
      'StockChange', 'StockLevel', 'Reservation', 'ReserveInput', 'SaleInput', 'UserError',
    ]) {
      expect(committed.getType(name), name).toBeUndefined();
    }
  });

  it('has no mutation and no subscription: partners read the graph', () => {
    expect(committed.getMutationType()).toBeUndefined();
    expect(committed.getSubscriptionType()).toBeUndefined();
  });

  it('gives an availability status per store, never an exact count', () => {
    expect(fieldsOf(committed, 'StoreAvailability').sort()).toEqual(['distanceKm', 'location', 'status']);
    expect(fieldsOf(committed, 'Variant')).not.toContain('stock');
    expect(fieldsOf(committed, 'Variant')).not.toContain('availableOnline');
    expect(fieldsOf(committed, 'Product')).toContain('inStock');
  });

  it('keeps reviews anonymous and prices impersonal', () => {
    expect(fieldsOf(committed, 'Review')).not.toContain('author');
    expect(fieldsOf(committed, 'Promotion')).not.toContain('segment');
    expect(argsOf(committed, 'Variant', 'effectivePrice')).not.toContain('customerId');
    expect(argsOf(committed, 'Variant', 'activePromotions')).not.toContain('customerId');
  });

  it('keeps the catalog, prices, promotions, ratings, reviews, locations and availability', () => {
    expect(fieldsOf(committed, 'Query')).toEqual(expect.arrayContaining([
      'product', 'products', 'variant', 'categories', 'promotions', 'review', 'location', 'locations',
    ]));
    expect(fieldsOf(committed, 'Product')).toEqual(expect.arrayContaining(['id', 'name', 'variants', 'category', 'rating', 'reviews']));
    expect(fieldsOf(committed, 'Variant')).toEqual(expect.arrayContaining([
      'sku', 'price', 'effectivePrice', 'activePromotions', 'availability',
    ]));
    expect(argsOf(committed, 'Variant', 'effectivePrice').sort()).toEqual(['channel', 'storeId']);
    expect(fieldsOf(committed, 'Location')).toEqual(expect.arrayContaining(['id', 'name', 'address', 'geo', 'openingHours']));
    expect(fieldsOf(committed, 'StoreAvailability')).toContain('status');
  });
});

describe('npm run compose, for the contract', () => {
  it('puts in the contract a field tagged public and leaves out an untagged one', () => {
    const catalog = readSubgraphSdl('catalog').replace(
      '  "Brand name."\n',
      '  "Shelf code, for the staff."\n  shelf: String!\n  "Country of origin."\n  origin: String! @tag(name: "public")\n  "Brand name."\n',
    );
    const outcome = composeContract({ catalog });
    if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
    const schema = buildSchema(outcome.apiSchemaSdl);
    expect(fieldsOf(schema, 'Product')).toContain('origin');
    expect(fieldsOf(schema, 'Product')).not.toContain('shelf');
    // The contract supergraph still holds the field, inaccessible, so that the gateway can plan with it.
    expect(outcome.supergraphSdl).toContain('shelf: String! @inaccessible @join__field(graph: CATALOG)');
  });

  it('names the file and line of a public field that returns a type outside the contract', () => {
    // Review.author returns Customer, which has no public field.
    const reviews = readSubgraphSdl('reviews').replace('  author: Customer\n', '  author: Customer @tag(name: "public")\n');
    const line = reviews.split('\n').findIndex((l) => l.startsWith('  author: Customer')) + 1;
    const outcome = composeContract({ reviews });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const message = outcome.errors.join('\n');
    expect(message).toMatch(/REFERENCED_INACCESSIBLE.*Customer.*Review\.author/);
    expect(message).toContain('public contract');
    // A field's location starts at its description, the line above it.
    expect(message).toContain(`schema/reviews.graphql:${line - 1}:3`);
  });
});

describe("the contract filter (Apollo's include and exclude tags)", () => {
  const shop = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@tag"])
    type Shelf @tag(name: "public") { code: String! aisle: Int! }
    type Item @key(fields: "id") { id: ID! @tag(name: "public") cost: Int! shelf: Shelf @tag(name: "public") }
    enum Size { S M XL @tag(name: "internal") }
    input ItemFilter { size: Size secret: String @tag(name: "internal") }
    type Audit { by: String! }
    type Query {
      items(filter: ItemFilter, as: ID @tag(name: "internal")): [Item!]! @tag(name: "public")
      audits: [Audit!]!
    }
    type Mutation { deleteItem(id: ID!): Boolean }
  `);
  const other = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Item @key(fields: "id") { id: ID! rating: Int! }
  `);
  const decision = decideContract([shop, other], PUBLIC_CONTRACT);

  it('keeps a field tagged public, and every field of a type tagged public', () => {
    expect(decision.removedCoordinates).not.toContain('Item.id');
    expect(decision.removedCoordinates).not.toContain('Shelf.aisle');
    expect(decision.removedTypes).not.toContain('Shelf');
  });

  it('leaves out an untagged field, wherever the subgraph that defines it', () => {
    expect(decision.removedCoordinates).toContain('Item.cost');
    expect(decision.removedCoordinates).toContain('Item.rating');
  });

  it('leaves out an argument, an input field and an enum value tagged internal', () => {
    expect(decision.removedCoordinates).toContain('Query.items(as:)');
    expect(decision.removedCoordinates).toContain('ItemFilter.secret');
    expect(decision.removedCoordinates).toContain('Size.XL');
    expect(decision.removedCoordinates).not.toContain('Size.M');
  });

  it('leaves out a type without a public field and a root type with none', () => {
    expect([...decision.removedTypes].sort()).toEqual(['Audit', 'Mutation']);
  });

  it('marks what it leaves out @inaccessible, importing the directive', () => {
    const printed = print(applyContract(other, decision));
    expect(printed).toContain('import: ["@key", "@inaccessible"]');
    expect(printed).toContain('rating: Int! @inaccessible');
    expect(printed).toContain('id: ID!\n');
  });
});
