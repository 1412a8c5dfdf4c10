/**
 * The demo retailer's reviews, derived deterministically from the shared universe: unevenly spread
 * over the products (a few have hundreds, every one at least one, so any product page shows reviews), ratings skewed positive,
 * about 70% written by a customer who bought the product (from the shared order history, after the
 * purchase) so that the customer subgraph's Review.verifiedPurchase is often true, the rest by
 * random customers; one review per (product, customer).
 */
import type { Kysely } from 'kysely';
import { insertInChunks } from '../../platform/database.js';
import { SHOWCASE_CUSTOMERS, orders } from '../shared/universe-orders.js';
import { SEED_EPOCH, createRandom, customerId, isoDaysBefore, products, type Random, type SeedSize } from '../shared/universe.js';
import type { ReviewsDatabase, ReviewsTable } from './tables.js';

const DAY = 86_400_000;
const VERIFIED_SHARE = 0.7;

/** Chance of 1..5 stars for a product of each quality. */
const RATING_PROFILES = {
  poor: [0.2, 0.2, 0.25, 0.2, 0.15],
  fair: [0.05, 0.07, 0.15, 0.33, 0.4],
  great: [0.02, 0.03, 0.07, 0.28, 0.6],
} as const;
type Quality = keyof typeof RATING_PROFILES;

const TITLES: Record<number, readonly string[]> = {
  1: ['Disappointed', 'Not as described', 'Would not buy again', 'Poor quality'],
  2: ['Below expectations', 'Not great', 'Could be better', 'Meh'],
  3: ['Does the job', 'Average', 'Okay for the price', 'Mixed feelings'],
  4: ['Very good', 'Happy with it', 'Good value', 'Nice quality'],
  5: ['Excellent', 'Love it', 'Perfect', 'Highly recommend', 'Best purchase this year'],
};
const OPENINGS: Record<number, readonly string[]> = {
  1: ['It broke after a few days.', 'The quality is far from the pictures.', 'Sizing was completely off.'],
  2: ['The finish is cheaper than expected.', 'It works, but not for long.', 'The colour faded quickly.'],
  3: ['It is fine for everyday use.', 'Nothing special, nothing wrong.', 'Decent, although a bit pricey.'],
  4: ['Good quality and quick delivery.', 'Does exactly what I needed.', 'Comfortable and well made.'],
  5: ['Exactly what I was looking for.', 'Great quality, looks even better in person.', 'I use it every day.'],
};
const CLOSINGS = [
  'Bought it after trying it in store.',
  'Delivery was on time.',
  'Picked it up in store the next day.',
  'The call center helped me choose.',
  'I ordered it through the app.',
  'Would recommend to friends.',
  '',
];

function pickRating(r: Random, quality: Quality): number {
  const u = r.next();
  let acc = 0;
  const profile = RATING_PROFILES[quality];
  for (let star = 1; star <= 5; star++) {
    acc += profile[star - 1]!;
    if (u < acc) return star;
  }
  return 5;
}

/** Earliest non-cancelled purchase time (epoch ms) of each product by each customer, in order history order. */
function purchasesByProduct(size: SeedSize): Map<string, Map<string, number>> {
  const purchases = new Map<string, Map<string, number>>();
  for (const order of orders(size)) {
    if (order.status === 'CANCELLED') continue;
    const at = Date.parse(order.placedAt);
    for (const line of order.lines) {
      let buyers = purchases.get(line.productId);
      if (!buyers) purchases.set(line.productId, (buyers = new Map()));
      const known = buyers.get(order.customerId);
      if (known === undefined || at < known) buyers.set(order.customerId, at);
    }
  }
  return purchases;
}

/** A review date 1 to 90 days after the purchase, or some time between it and the seed instant when that is sooner. */
function afterPurchase(r: Random, purchasedAt: number): string {
  const delay = r.int(1, 90) * DAY + r.int(0, DAY - 1);
  const room = SEED_EPOCH - purchasedAt;
  const at = delay < room ? purchasedAt + delay : purchasedAt + Math.ceil(r.next() * room);
  return new Date(at).toISOString();
}

/** The review rows of a retailer of the given size; same size, same rows. */
export function generateReviews(size: SeedSize): ReviewsTable[] {
  const r = createRandom(505);
  const catalog = products(size);
  const purchases = purchasesByProduct(size);

  // Popularity: a heavy tail (a few products get hundreds of reviews).
  const weights = catalog.map(() => Math.pow(-Math.log(1 - r.next()), 1.3));
  const quality = catalog.map((): Quality => {
    const u = r.next();
    return u < 0.1 ? 'poor' : u < 0.6 ? 'fair' : 'great';
  });
  const reviewers = catalog.map(() => new Set<string>());
  const rows: ReviewsTable[] = [];
  const add = (p: number, customer: string, createdAt: string) => {
    const product = catalog[p]!;
    const rating = pickRating(r, quality[p]!);
    const closing = r.pick(CLOSINGS);
    reviewers[p]!.add(customer);
    rows.push({
      id: `rev-${String(rows.length + 1).padStart(7, '0')}`,
      product_id: product.id,
      customer_id: customer,
      rating,
      title: r.pick(TITLES[rating]!),
      body: `${r.pick(OPENINGS[rating]!)} ${product.name}${closing ? `: ${closing.charAt(0).toLowerCase()}${closing.slice(1)}` : '.'}`,
      created_at: createdAt,
    });
  };

  // The showcase customers each review one thing they bought, so a demo of Customer.reviews is never empty.
  const indexOf = new Map(catalog.map((p, i) => [p.id, i]));
  for (let c = 1; c <= Math.min(SHOWCASE_CUSTOMERS, size.customers) && rows.length < size.reviews; c++) {
    const customer = customerId(c);
    for (const [productId, buyers] of purchases) {
      const at = buyers.get(customer);
      if (at === undefined) continue;
      add(indexOf.get(productId)!, customer, afterPurchase(r, at));
      break;
    }
  }

  // How many reviews each product gets: one each while the budget allows, the rest drawn by popularity.
  let budget = size.reviews - rows.length;
  const counts = catalog.map((_, p): number => (reviewers[p]!.size === 0 && budget-- > 0 ? 1 : 0));
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
  const total = cumulative.at(-1) ?? 0;
  for (let k = 0; k < budget && total > 0; k++) {
    const u = r.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]! += 1;
  }
  // Nobody reviews a product twice: a product never gets more reviews than there are customers.
  catalog.forEach((_, p) => (counts[p] = Math.min(counts[p]!, size.customers - reviewers[p]!.size)));

  // How many of them come from buyers: 70% where there are enough buyers, then the shortfall of the
  // most reviewed products is made up on the others, so that about 70% of all reviews are verified.
  const buyersOf = catalog.map((product, p) =>
    [...(purchases.get(product.id) ?? new Map<string, number>())].filter(([customer]) => !reviewers[p]!.has(customer)),
  );
  const verified = counts.map((n, p) => Math.min(buyersOf[p]!.length, Math.round(n * VERIFIED_SHARE)));
  let shortfall = Math.round(counts.reduce((a, b) => a + b, 0) * VERIFIED_SHARE) - verified.reduce((a, b) => a + b, 0);
  for (let p = 0; p < catalog.length && shortfall > 0; p++) {
    const extra = Math.min(shortfall, counts[p]! - verified[p]!, buyersOf[p]!.length - verified[p]!);
    if (extra > 0) {
      verified[p]! += extra;
      shortfall -= extra;
    }
  }

  catalog.forEach((_, p) => {
    const buyers = buyersOf[p]!;
    // A partial Fisher-Yates shuffle picks distinct buyers.
    for (let k = 0; k < verified[p]!; k++) {
      const j = k + Math.floor(r.next() * (buyers.length - k));
      [buyers[k], buyers[j]] = [buyers[j]!, buyers[k]!];
      const [customer, at] = buyers[k]!;
      add(p, customer, afterPurchase(r, at));
    }
    for (let k = verified[p]!; k < counts[p]!; k++) {
      let customer = customerId(r.int(1, size.customers));
      while (reviewers[p]!.has(customer)) customer = customerId(r.int(1, size.customers));
      add(p, customer, isoDaysBefore(r.int(0, 730), r));
    }
  });
  return rows;
}

export async function seedReviews(db: Kysely<ReviewsDatabase>, size: SeedSize): Promise<void> {
  await insertInChunks(db, 'reviews', generateReviews(size));
}
