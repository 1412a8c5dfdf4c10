import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReviews } from '../../subgraphs/reviews/seed.js';
import { customerId, productId } from '../../subgraphs/shared/universe.js';
import { SIZE, errorCodes, productReps, startReviews, type GraphQLBody, type TestReviews } from './harness.js';

const SEEDED = generateReviews(SIZE);
const reviewsOf = (id: string) => SEEDED.filter((r) => r.product_id === id);
/** The most reviewed product of the demo data. */
const BUSIEST = [...new Set(SEEDED.map((r) => r.product_id))].sort((a, b) => reviewsOf(b).length - reviewsOf(a).length)[0]!;
/** A product nobody reviewed: the seed reviews every catalog product, so one beyond the catalog (a new one). */
const UNREVIEWED = productId(SIZE.products + 1);

let reviews: TestReviews;

beforeAll(async () => {
  reviews = await startReviews();
});
afterAll(async () => {
  await reviews?.close();
});

const PAGE = /* GraphQL */ `
  query Page($reps: [_Any!]!, $first: Int, $after: String, $sort: ReviewSort) {
    _entities(representations: $reps) {
      ... on Product {
        id
        reviews(first: $first, after: $after, sort: $sort) {
          totalCount
          edges { cursor node { id rating createdAt title body product { id } author { id } } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`;

interface Connection {
  totalCount: number;
  edges: Edge[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface PageData {
  _entities: { id: string; reviews: Connection }[];
}
interface Edge {
  cursor: string;
  node: { id: string; rating: number; createdAt: string; product: { id: string }; author: { id: string } | null };
}

async function allPages(id: string, sort: string, first: number) {
  const nodes: Edge['node'][] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount = -1;
  do {
    const body: GraphQLBody<PageData> = await reviews.query<PageData>(PAGE, { reps: productReps([id]), first, after, sort });
    expect(body.errors).toBeUndefined();
    const connection: Connection = body.data!._entities[0]!.reviews;
    totalCount = connection.totalCount;
    nodes.push(...connection.edges.map((e) => e.node));
    expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    pages += 1;
  } while (after);
  return { nodes, pages, totalCount };
}

const newestFirst = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1;

describe('Product.rating', () => {
  it('summarises the reviews of a product: average to two decimals, count and five star counts', async () => {
    const body = await reviews.query(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { id rating { average count distribution } } } }`,
      { reps: productReps([BUSIEST, UNREVIEWED]) },
    );
    expect(body.errors).toBeUndefined();
    const [busiest, unreviewed] = body.data!._entities;
    const seeded = reviewsOf(BUSIEST);
    const distribution = [1, 2, 3, 4, 5].map((star) => seeded.filter((r) => r.rating === star).length);
    const average = Math.round((seeded.reduce((sum, r) => sum + r.rating, 0) * 100) / seeded.length) / 100;
    expect(busiest.rating).toEqual({ average, count: seeded.length, distribution });
    expect(unreviewed.rating).toEqual({ average: 0, count: 0, distribution: [0, 0, 0, 0, 0] });
  });
});

describe('Product.reviews', () => {
  it('pages through every review of a product, newest first by default', async () => {
    const { nodes, pages, totalCount } = await allPages(BUSIEST, 'NEWEST', 7);
    const expected = reviewsOf(BUSIEST)
      .map((r) => ({ id: r.id, createdAt: r.created_at }))
      .sort(newestFirst)
      .map((r) => r.id);
    expect(totalCount).toBe(expected.length);
    expect(nodes.map((n) => n.id)).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(nodes.every((n) => n.product.id === BUSIEST && n.author !== null)).toBe(true);
  });

  it('sorts oldest first, highest rating first and lowest rating first, newest first within a rating', async () => {
    const seeded = reviewsOf(BUSIEST).map((r) => ({ id: r.id, createdAt: r.created_at, rating: r.rating }));
    const ids = (list: typeof seeded) => list.map((r) => r.id);
    const oldest = [...seeded].sort((a, b) => -newestFirst(a, b));
    const highest = [...seeded].sort((a, b) => b.rating - a.rating || newestFirst(a, b));
    const lowest = [...seeded].sort((a, b) => a.rating - b.rating || newestFirst(a, b));
    expect((await allPages(BUSIEST, 'OLDEST', 10)).nodes.map((n) => n.id)).toEqual(ids(oldest));
    expect((await allPages(BUSIEST, 'HIGHEST_RATING', 10)).nodes.map((n) => n.id)).toEqual(ids(highest));
    expect((await allPages(BUSIEST, 'LOWEST_RATING', 10)).nodes.map((n) => n.id)).toEqual(ids(lowest));
  });

  it('returns an empty connection for a product without reviews', async () => {
    const body = await reviews.query(PAGE, { reps: productReps([UNREVIEWED]) });
    expect(body.data!._entities[0].reviews).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('returns no edge for first: 0 but tells whether reviews exist', async () => {
    const body = await reviews.query(PAGE, { reps: productReps([BUSIEST]), first: 0 });
    expect(body.data!._entities[0].reviews).toMatchObject({ edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
  });

  it('refuses first outside 0..100 with BAD_USER_INPUT', async () => {
    for (const first of [-1, 101]) {
      const body = await reviews.query(PAGE, { reps: productReps([BUSIEST]), first });
      expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0]!.message).toMatch(/first/);
    }
  });

  it('refuses a malformed cursor, or one made for another sort, with BAD_USER_INPUT', async () => {
    const page = await reviews.query(PAGE, { reps: productReps([BUSIEST]), first: 2, sort: 'OLDEST' });
    const oldestCursor = page.data!._entities[0].reviews.pageInfo.endCursor;
    for (const [after, sort] of [['garbage', 'NEWEST'], [oldestCursor, 'NEWEST']]) {
      const body = await reviews.query(PAGE, { reps: productReps([BUSIEST]), after, sort });
      expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('Review and Customer.reviews', () => {
  it('resolves a review by id and null for an unknown id', async () => {
    const first = SEEDED[0]!;
    const body = await reviews.query(`query ($id: ID!) { review(id: $id) { id rating title body createdAt product { id } author { id } } none: review(id: "rev-nope") { id } }`, {
      id: first.id,
    });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      review: {
        id: first.id,
        rating: first.rating,
        title: first.title,
        body: first.body,
        createdAt: first.created_at,
        product: { id: first.product_id },
        author: { id: first.customer_id },
      },
      none: null,
    });
  });

  it('resolves review references for the other subgraphs (author and product keys)', async () => {
    const body = await reviews.query(`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Review { id author { id } product { id } } } }`, {
      reps: [{ __typename: 'Review', id: SEEDED[1]!.id }, { __typename: 'Review', id: 'rev-nope' }],
    });
    expect(body.data!._entities).toEqual([{ id: SEEDED[1]!.id, author: { id: SEEDED[1]!.customer_id }, product: { id: SEEDED[1]!.product_id } }, null]);
  });

  it('lists the reviews a customer wrote, newest first', async () => {
    const customer = customerId(1);
    const expected = SEEDED.filter((r) => r.customer_id === customer)
      .map((r) => ({ id: r.id, createdAt: r.created_at }))
      .sort(newestFirst)
      .map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    const body = await reviews.query(`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id reviews { id author { id } } } } }`, {
      reps: [{ __typename: 'Customer', id: customer }, { __typename: 'Customer', id: 'cust-unknown' }],
    });
    expect(body.errors).toBeUndefined();
    const [known, unknown] = body.data!._entities;
    expect(known.reviews.map((r: { id: string }) => r.id)).toEqual(expected);
    expect(known.reviews.every((r: { author: { id: string } }) => r.author.id === customer)).toBe(true);
    expect(unknown.reviews).toEqual([]);
  });
});
