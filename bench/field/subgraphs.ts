/**
 * The field's standard federation benchmark scenario, written for this project: four static
 * subgraphs — accounts (users), products, inventory (`shippingEstimate @requires(fields: "price
 * weight")`) and reviews (`author @provides(fields: "username")`) — served by one process under
 * /accounts, /products, /inventory and /reviews. Each distinct request body is executed once and
 * its answer text memoised, so the subgraphs cost next to nothing and the gateway is what is measured.
 *
 * Run as a script: composes the supergraph with this process's URLs, writes it to
 * FIELD_SUPERGRAPH_PATH, prints `{"ready":true}`; GET /stats answers the requests served so far.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type GraphQLSchema } from 'graphql';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

const WORDS = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(' ');
/** A deterministic review text of about `length` characters. */
const text = (seed: number, length: number) => {
  const words: string[] = [];
  for (let i = 0; words.join(' ').length < length; i++) words.push(WORDS[(seed * 7 + i * 3) % WORDS.length]!);
  return words.join(' ');
};

export const USERS = Array.from({ length: 6 }, (_, i) => ({ id: String(i + 1), name: `User ${i + 1}`, username: `user${i + 1}`, birthday: 1_234_567_890 }));
export const PRODUCTS = Array.from({ length: 9 }, (_, i) => ({ upc: String(i + 1), name: `Product ${i + 1}`, price: 100 + i * 250, weight: 10 + i * 40, inStock: i % 3 !== 1 }));
// Every user reviews two products; the first products get most reviews, as in the field's data.
export const REVIEWS = USERS.flatMap((user, u) => [0, 1].map((k) => ({ id: String(u * 2 + k + 1), body: text(u * 2 + k, 560 - k * 280), authorId: user.id, upc: String(((u + k) % 5) + 1) })));

const shippingEstimate = (price: number | undefined, weight: number | undefined) => (price === undefined || weight === undefined ? null : price > 1000 ? 0 : Math.round(weight * 0.5));

export const SUBGRAPHS: { name: string; typeDefs: string; resolvers: Record<string, unknown> }[] = [
  {
    name: 'accounts',
    typeDefs: `${LINK}
      type Query { me: User user(id: ID!): User users: [User] }
      type User @key(fields: "id") { id: ID! name: String username: String @shareable birthday: Int }`,
    resolvers: {
      Query: { me: () => USERS[0], user: (_: unknown, { id }: { id: string }) => USERS.find((user) => user.id === id), users: () => USERS },
      User: { __resolveReference: (reference: { id: string }) => USERS.find((user) => user.id === reference.id) },
    },
  },
  {
    name: 'products',
    typeDefs: `${LINK}
      type Query { topProducts(first: Int = 5): [Product] }
      type Product @key(fields: "upc") { upc: String! name: String price: Int weight: Int }`,
    resolvers: {
      Query: { topProducts: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first) },
      Product: { __resolveReference: (reference: { upc: string }) => PRODUCTS.find((product) => product.upc === reference.upc) },
    },
  },
  {
    name: 'inventory',
    typeDefs: `${LINK}
      type Product @key(fields: "upc") { upc: String! weight: Int @external price: Int @external inStock: Boolean shippingEstimate: Int @requires(fields: "price weight") }`,
    resolvers: {
      Product: {
        __resolveReference: (reference: { upc: string; price?: number; weight?: number }) => ({ ...reference, inStock: PRODUCTS.find((product) => product.upc === reference.upc)?.inStock ?? null }),
        shippingEstimate: (product: { price?: number; weight?: number }) => shippingEstimate(product.price, product.weight),
      },
    },
  },
  {
    name: 'reviews',
    typeDefs: `${LINK}
      type Review @key(fields: "id") { id: ID! body: String author: User @provides(fields: "username") product: Product }
      type User @key(fields: "id") { id: ID! username: String @external reviews: [Review] }
      type Product @key(fields: "upc") { upc: String! reviews: [Review] }`,
    resolvers: {
      Review: {
        author: (review: { authorId: string }) => ({ id: review.authorId, username: USERS.find((user) => user.id === review.authorId)?.username }),
        product: (review: { upc: string }) => ({ upc: review.upc }),
      },
      User: { reviews: (user: { id: string }) => REVIEWS.filter((review) => review.authorId === user.id) },
      Product: { reviews: (product: { upc: string }) => REVIEWS.filter((review) => review.upc === product.upc) },
    },
  },
];

/** The field's query: users → reviews → product → reviews → author → reviews → product, and topProducts. */
export const FIELD_QUERY = `fragment User on User { id username name }
fragment Review on Review { id body }
fragment Product on Product { inStock name price shippingEstimate upc weight }
query TestQuery {
  users { ...User reviews { ...Review product { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } } } }
  topProducts { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } }
}`;

/** The answer computed from the data without federation: what every gateway must return. */
export function fieldOracle(): unknown {
  const user = (id: string) => USERS.find((candidate) => candidate.id === id)!;
  const product = (upc: string) => PRODUCTS.find((candidate) => candidate.upc === upc)!;
  const userFields = (id: string) => ({ id, username: user(id).username, name: user(id).name });
  const reviewFields = (review: (typeof REVIEWS)[number]) => ({ id: review.id, body: review.body });
  const productFields = (upc: string) => {
    const p = product(upc);
    return { inStock: p.inStock, name: p.name, price: p.price, shippingEstimate: shippingEstimate(p.price, p.weight), upc, weight: p.weight };
  };
  const reviewsOf = (filter: (review: (typeof REVIEWS)[number]) => boolean) => REVIEWS.filter(filter);
  const authorWithReviews = (id: string) => ({ ...userFields(id), reviews: reviewsOf((r) => r.authorId === id).map((r) => ({ ...reviewFields(r), product: productFields(r.upc) })) });
  return {
    users: USERS.map((u) => ({
      ...userFields(u.id),
      reviews: reviewsOf((r) => r.authorId === u.id).map((r) => ({
        ...reviewFields(r),
        product: { ...productFields(r.upc), reviews: reviewsOf((other) => other.upc === r.upc).map((other) => ({ ...reviewFields(other), author: authorWithReviews(other.authorId) })) },
      })),
    })),
    topProducts: PRODUCTS.slice(0, 5).map((p) => ({ ...productFields(p.upc), reviews: reviewsOf((r) => r.upc === p.upc).map((r) => ({ ...reviewFields(r), author: authorWithReviews(r.authorId) })) })),
  };
}

async function serve(): Promise<void> {
  const schemas = new Map<string, GraphQLSchema>(SUBGRAPHS.map((subgraph) => [subgraph.name, buildSubgraphSchema({ typeDefs: parse(subgraph.typeDefs), resolvers: subgraph.resolvers as never })]));
  const answers = new Map<string, string>();
  let requests = 0;
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/stats') {
      response.end(JSON.stringify({ requests }));
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      requests += 1;
      const body = Buffer.concat(chunks).toString('utf8');
      const key = `${request.url}\n${body}`;
      let answer = answers.get(key);
      if (answer === undefined) {
        const schema = schemas.get((request.url ?? '').slice(1));
        const { query, variables, operationName } = JSON.parse(body) as { query: string; variables?: Record<string, unknown>; operationName?: string };
        answer = JSON.stringify(schema ? await execute({ schema, document: parse(query), variableValues: variables ?? {}, operationName: operationName ?? null }) : { errors: [{ message: 'no such subgraph' }] });
        if (answers.size < 10_000) answers.set(key, answer);
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(answer);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const composed = composeServices(SUBGRAPHS.map((subgraph) => ({ name: subgraph.name, typeDefs: parse(subgraph.typeDefs), url: `http://127.0.0.1:${port}/${subgraph.name}` })));
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('; '));
  writeFileSync(process.env.FIELD_SUPERGRAPH_PATH!, composed.supergraphSdl);
  console.log(JSON.stringify({ ready: true, port }));
}

if (process.env.FIELD_SUPERGRAPH_PATH && process.argv[1]?.endsWith('subgraphs.ts')) await serve();
