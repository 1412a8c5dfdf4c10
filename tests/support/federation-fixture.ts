/**
 * A small federated graph served in-process for the differential suite: the federation cases the
 * project's own graph does not have. Four subgraphs with fixed data:
 * - products: `Product` with two keys (one composite and nested), the `Media` interface (an entity
 *   interface, `@key` on it) with `Book` and `Movie`, a union, an `@inaccessible` field and enum value;
 * - inventory: `@requires` (two fields, and one with an argument), `@external`, a failing field,
 *   a null entity;
 * - reviews: `@provides`, entities reached from several subgraphs, a non-null field a subgraph
 *   leaves null, nested lists of entities;
 * - ratings: an `@interfaceObject` on `Media`;
 * - pricing: `@override` of products' fields, whole (`color`), by percentage (`description`,
 *   `percent(50)`) and behind an operator's label (`origin`, `origin-move`); a chained `@requires`
 *   (`deliveryNote` needs inventory's `shippingEstimate`, which needs products' `price weight`).
 *   Products answers `old:…`, pricing `new:…`, so an answer says which subgraph served it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, GraphQLError, parse, type GraphQLSchema } from 'graphql';

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@interfaceObject", "@override"])`;

const products = [
  { upc: 'p1', sku: 'S1', pkg: { id: 'k1' }, name: 'Table', price: 899, weight: 100, internal: 'x1', state: 'ON_SALE' },
  { upc: 'p2', sku: 'S2', pkg: { id: 'k2' }, name: 'Couch', price: 1299, weight: 1000, internal: 'x2', state: 'RETIRED' },
  { upc: 'p3', sku: 'S3', pkg: { id: 'k3' }, name: 'Chair', price: 54, weight: 50, internal: 'x3', state: 'ON_SALE' },
  { upc: 'p4', sku: 'S4', pkg: { id: 'k4' }, name: null, price: 10, weight: 1, internal: 'x4', state: 'DRAFT' },
];
const media = [
  { __typename: 'Book', id: 'm1', title: 'Dune', pages: 412 },
  { __typename: 'Movie', id: 'm2', title: 'Alien', minutes: 117 },
  { __typename: 'Book', id: 'm3', title: 'Emma', pages: 300 },
];
const users = [
  { id: 'u1', username: '@ada', name: 'Ada' },
  { id: 'u2', username: '@alan', name: 'Alan' },
];
const reviews = [
  { id: 'r1', body: 'Love it', authorId: 'u1', upc: 'p1', mediaId: undefined },
  { id: 'r2', body: 'Too big', authorId: 'u2', upc: 'p2', mediaId: undefined },
  { id: 'r3', body: 'Could be worse', authorId: 'u1', upc: 'p1', mediaId: 'm1' },
  { id: 'r4', body: null, authorId: 'u2', upc: 'p3', mediaId: 'm3' },
  { id: 'r5', body: 'Meh', authorId: 'u9', upc: 'p4', mediaId: undefined },
];

const productBy = (reference: { upc?: string; sku?: string }) => products.find((product) => product.upc === reference.upc || (reference.upc === undefined && product.sku === reference.sku));

const subgraphs: { name: string; typeDefs: string; resolvers: Record<string, unknown> }[] = [
  {
    name: 'products',
    typeDefs: `${LINK}
      type Query { topProducts(first: Int = 5): [Product!]! product(upc: String!): Product media: [Media!]! search(text: String!): [SearchResult!]! }
      enum ProductState { ON_SALE RETIRED DRAFT @inaccessible }
      type Product @key(fields: "upc") @key(fields: "sku pkg { id }") { upc: String! sku: String! pkg: Package! name: String price: Int weight: Int internal: String @inaccessible state: ProductState color: String description: String origin: String }
      type Package @shareable { id: ID! }
      interface Media @key(fields: "id") { id: ID! title: String! }
      type Book implements Media @key(fields: "id") { id: ID! title: String! pages: Int }
      type Movie implements Media @key(fields: "id") { id: ID! title: String! minutes: Int }
      union SearchResult = Book | Movie | Product`,
    resolvers: {
      Query: {
        topProducts: (_: unknown, { first }: { first: number }) => products.slice(0, first),
        product: (_: unknown, { upc }: { upc: string }) => productBy({ upc }) ?? null,
        media: () => media,
        search: (_: unknown, { text }: { text: string }) => [...media.filter((item) => item.title.includes(text)), ...products.filter((product) => product.name?.includes(text)).map((product) => ({ __typename: 'Product', ...product }))],
      },
      Product: {
        __resolveReference: (reference: { upc?: string; sku?: string }) => productBy(reference) ?? null,
        color: (product: { upc: string }) => `old:color-${product.upc}`,
        description: (product: { name: string | null }) => `old:${product.name}`,
        origin: (product: { upc: string }) => `old:origin-${product.upc}`,
      },
      Media: { __resolveType: (item: { __typename: string }) => item.__typename, __resolveReference: (reference: { id: string }) => media.find((item) => item.id === reference.id) },
      Book: { __resolveReference: (reference: { id: string }) => media.find((item) => item.id === reference.id) },
      Movie: { __resolveReference: (reference: { id: string }) => media.find((item) => item.id === reference.id) },
      SearchResult: { __resolveType: (item: { __typename?: string }) => item.__typename ?? 'Product' },
    },
  },
  {
    name: 'inventory',
    typeDefs: `${LINK}
      type Product @key(fields: "upc") {
        upc: String!
        price: Int @external
        weight: Int @external
        inStock: Boolean
        shippingEstimate: Int @requires(fields: "price weight")
        shippingTo(zone: Int!): Int @requires(fields: "price")
        flaky: String
      }`,
    resolvers: {
      Product: {
        __resolveReference: (reference: { upc: string; price?: number; weight?: number }) =>
          reference.upc === 'p4' ? null : { ...reference, inStock: reference.upc !== 'p2' },
        shippingEstimate: (product: { price: number; weight: number }) => (product.price > 1000 ? 0 : Math.round(product.weight * 0.5)),
        shippingTo: (product: { price: number }, { zone }: { zone: number }) => product.price * zone,
        flaky: (product: { upc: string }) => {
          if (product.upc === 'p2') throw new GraphQLError('Stock system timeout', { extensions: { code: 'STOCK_TIMEOUT' } });
          return `ok-${product.upc}`;
        },
      },
    },
  },
  {
    name: 'reviews',
    typeDefs: `${LINK}
      type Query { latestReviews: [Review!]! }
      type Review @key(fields: "id") { id: ID! body: String! author: User @provides(fields: "username") product: Product media: Media }
      type User @key(fields: "id") { id: ID! username: String @external reviews: [Review!]! }
      type Product @key(fields: "upc") { upc: String! reviews: [Review!]! }
      interface Media @key(fields: "id") { id: ID! }
      type Book implements Media @key(fields: "id") { id: ID! reviews: [Review!]! }
      type Movie implements Media @key(fields: "id") { id: ID! }`,
    resolvers: {
      Query: { latestReviews: () => reviews },
      Review: {
        author: (review: { authorId: string }) => ({ id: review.authorId, username: users.find((user) => user.id === review.authorId)?.username ?? null }),
        product: (review: { upc: string }) => ({ upc: review.upc }),
        media: (review: { mediaId?: string }) => (review.mediaId ? { __typename: media.find((item) => item.id === review.mediaId)!.__typename, id: review.mediaId } : null),
      },
      User: { reviews: (user: { id: string }) => reviews.filter((review) => review.authorId === user.id) },
      Product: { reviews: (product: { upc: string }) => reviews.filter((review) => review.upc === product.upc) },
      Book: { reviews: (book: { id: string }) => reviews.filter((review) => review.mediaId === book.id) },
      Media: {
        __resolveType: (item: { __typename: string }) => item.__typename,
        // An entity interface resolves a reference to its implementation.
        __resolveReference: (reference: { id: string }) => {
          const item = media.find((candidate) => candidate.id === reference.id);
          return item ? { __typename: item.__typename, id: item.id } : null;
        },
      },
    },
  },
  {
    name: 'accounts',
    typeDefs: `${LINK}
      type Query { me: User users: [User!]! }
      type User @key(fields: "id") { id: ID! username: String @shareable name: String }`,
    resolvers: {
      Query: { me: () => users[0], users: () => users },
      User: { __resolveReference: (reference: { id: string }) => users.find((user) => user.id === reference.id) ?? null },
    },
  },
  {
    name: 'pricing',
    typeDefs: `${LINK}
      type Product @key(fields: "upc") {
        upc: String!
        color: String @override(from: "products")
        description: String @override(from: "products", label: "percent(50)")
        origin: String @override(from: "products", label: "origin-move")
        shippingEstimate: Int @external
        deliveryNote: String @requires(fields: "shippingEstimate")
      }`,
    resolvers: {
      Product: {
        __resolveReference: (reference: { upc: string; shippingEstimate?: number | null }) => reference,
        color: (product: { upc: string }) => `new:color-${product.upc}`,
        description: (product: { upc: string }) => `new:${products.find((candidate) => candidate.upc === product.upc)?.name ?? null}`,
        origin: (product: { upc: string }) => `new:origin-${product.upc}`,
        deliveryNote: (product: { shippingEstimate?: number | null }) =>
          product.shippingEstimate === undefined ? 'shippingEstimate was not sent' : product.shippingEstimate === null ? 'no estimate' : product.shippingEstimate === 0 ? 'free delivery' : `delivery ${product.shippingEstimate}`,
      },
    },
  },
  {
    name: 'ratings',
    typeDefs: `${LINK}
      type Media @key(fields: "id") @interfaceObject { id: ID! stars: Float }
      type Query { bestMedia: [Media!]! }`,
    resolvers: {
      Query: { bestMedia: () => [{ id: 'm2' }, { id: 'm1' }] },
      Media: { __resolveReference: (reference: { id: string }) => ({ id: reference.id, stars: reference.id === 'm2' ? 4.5 : 3 }), stars: (item: { id: string }) => (item.id === 'm2' ? 4.5 : 3) },
    },
  },
];

export interface FederationFixture {
  /** The composed supergraph SDL, the subgraphs' URLs written in it. */
  supergraphSdl: string;
  close(): Promise<void>;
}

export async function startFederationFixture(): Promise<FederationFixture> {
  const servers: Server[] = [];
  const definitions: { name: string; typeDefs: ReturnType<typeof parse>; url: string }[] = [];
  for (const subgraph of subgraphs) {
    const typeDefs = parse(subgraph.typeDefs);
    const schema = buildSubgraphSchema({ typeDefs, resolvers: subgraph.resolvers as never });
    const server = serve(schema);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    definitions.push({ name: subgraph.name, typeDefs, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` });
  }
  const composed = composeServices(definitions);
  if (composed.errors) throw new Error(`The fixture does not compose: ${composed.errors.map((error) => error.message).join('; ')}`);
  return {
    supergraphSdl: composed.supergraphSdl,
    close: async () => {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

function serve(schema: GraphQLSchema): Server {
  return createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown>; operationName?: string };
      const result = await execute({ schema, document: parse(query), variableValues: variables ?? {}, operationName: operationName ?? null });
      response.writeHead(200, { 'content-type': 'application/json', connection: 'keep-alive' });
      response.end(JSON.stringify(result));
    });
  });
}
