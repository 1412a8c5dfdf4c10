/**
 * The traffic mix: which operation comes next and with what input, drawn from a seeded random
 * source against the discovered world and the simulator's current beliefs. Pure: no I/O.
 */
import { customerId, type Random } from '../../subgraphs/shared/universe.js';
import type { OpenReservation, SimulationState } from './simulation-state.js';
import type { SimLocation, SimVariant, World } from './world.js';

export type OperationKind = 'sale' | 'reservation' | 'pickup' | 'cancellation' | 'restock' | 'correction' | 'price';
export const OPERATION_KINDS: readonly OperationKind[] = ['sale', 'reservation', 'pickup', 'cancellation', 'restock', 'correction', 'price'];

export interface SaleLine {
  sku: string;
  quantity: number;
  /** Only on a sale that names a customer: the list price, so the order history shows what was paid. */
  unitPrice?: { amount: number; currency: string };
}

export type PlannedOperation =
  | { kind: 'sale'; locationId: string; lines: SaleLine[]; customerId?: string }
  | { kind: 'reservation'; locationId: string; sku: string; quantity: number; customerId: string }
  | { kind: 'pickup' | 'cancellation'; reservation: OpenReservation }
  | { kind: 'restock' | 'correction'; locationId: string; sku: string; delta: number }
  /** The back office moves a list price (every channel's effective price follows: priceChanged). */
  | { kind: 'price'; sku: string; price: { amount: number; currency: string } };

/**
 * A store's day: the till is most of it; web orders for pickup come steadily and most are
 * collected, a few cancelled; deliveries keep the shelves up; a count now and then; the back
 * office moves a price now and then too.
 */
const MIX: readonly [OperationKind, number][] = [
  ['sale', 50],
  ['reservation', 16],
  ['pickup', 10],
  ['cancellation', 5],
  ['restock', 14],
  ['correction', 5],
  ['price', 3],
];

/** The stores GraphiQL's live-stock tab watches (gateway/graphiql.ts): most traffic goes there so it is seen. */
export const WATCHED_STORES = ['store-01', 'store-02', 'store-03'] as const;
/** Share of store traffic sent to the watched stores. */
const WATCHED_SHARE = 0.6;
/** Share of sales that name a loyalty customer (and so join the customer's orders). */
const NAMED_SALE_SHARE = 0.35;
/** Share of deliveries that go to a warehouse rather than a store. */
const WAREHOUSE_DELIVERY_SHARE = 0.4;

function weighted<T>(random: Random, choices: readonly [T, number][]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [choice, weight] of choices) {
    roll -= weight;
    if (roll < 0) return choice;
  }
  return choices[choices.length - 1]![0];
}

/** A location from `candidates`, leaning toward the watched stores among them. */
function pickLocation(random: Random, candidates: readonly SimLocation[]): SimLocation {
  const watched = candidates.filter((l) => (WATCHED_STORES as readonly string[]).includes(l.id));
  if (watched.length > 0 && random.chance(WATCHED_SHARE)) return random.pick(watched);
  return random.pick(candidates);
}

/** A variant stocked at the location, preferring one that satisfies `wanted` (a few tries, like a shopper). */
function pickVariant(random: Random, stocked: readonly SimVariant[], wanted: (variant: SimVariant) => boolean): SimVariant {
  let candidate = random.pick(stocked);
  for (let attempt = 0; attempt < 12 && !wanted(candidate); attempt++) candidate = random.pick(stocked);
  return candidate;
}

const pickCustomer = (random: Random, world: World) => customerId(random.int(1, world.customerCount));

function planSale(random: Random, world: World, state: SimulationState): PlannedOperation {
  const location = pickLocation(random, world.stores);
  const stocked = world.stockedAt.get(location.id)!;
  const named = world.customerCount > 0 && random.chance(NAMED_SALE_SHARE);
  const lineCount = Math.min(stocked.length, weighted(random, [[1, 60], [2, 30], [3, 10]] as [number, number][]));
  const lines: SaleLine[] = [];
  const skus = new Set<string>();
  for (let attempt = 0; lines.length < lineCount && attempt < 20; attempt++) {
    const variant = pickVariant(random, stocked, (v) => !skus.has(v.sku) && state.availableAt(v.sku, location.id) > 0);
    if (skus.has(variant.sku)) continue;
    skus.add(variant.sku);
    const quantity = weighted(random, [[1, 80], [2, 15], [3, 5]] as [number, number][]);
    lines.push({ sku: variant.sku, quantity, ...(named ? { unitPrice: variant.price } : {}) });
  }
  return { kind: 'sale', locationId: location.id, lines, ...(named ? { customerId: pickCustomer(random, world) } : {}) };
}

function planReservation(random: Random, world: World, state: SimulationState): PlannedOperation {
  const location = pickLocation(random, world.pickupStores);
  const quantity = random.chance(0.75) ? 1 : 2;
  // Now and then a customer asks for the last units someone else just took: INSUFFICIENT_STOCK is part of the show.
  const careful = random.chance(0.85);
  const variant = pickVariant(random, world.stockedAt.get(location.id)!, (v) => !careful || state.availableAt(v.sku, location.id) >= quantity);
  return { kind: 'reservation', locationId: location.id, sku: variant.sku, quantity, customerId: pickCustomer(random, world) };
}

function planDelivery(random: Random, world: World, state: SimulationState): PlannedOperation {
  const toWarehouse = world.warehouses.length > 0 && (world.stores.length === 0 || random.chance(WAREHOUSE_DELIVERY_SHARE));
  const location = toWarehouse ? random.pick(world.warehouses) : pickLocation(random, world.stores);
  // Replenishment goes where stock runs low: the emptiest of a handful of shelves.
  const stocked = world.stockedAt.get(location.id)!;
  let variant = random.pick(stocked);
  for (let i = 0; i < 5; i++) {
    const other = random.pick(stocked);
    if (state.availableAt(other.sku, location.id) < state.availableAt(variant.sku, location.id)) variant = other;
  }
  const delta = toWarehouse ? random.int(24, 120) : random.int(6, 24);
  return { kind: 'restock', locationId: location.id, sku: variant.sku, delta };
}

function planCount(random: Random, world: World): PlannedOperation {
  const location = pickLocation(random, world.locations);
  const variant = random.pick(world.stockedAt.get(location.id)!);
  // Counts mostly find shrinkage (theft, damage); sometimes units nobody recorded.
  const magnitude = random.int(1, 3);
  return { kind: 'correction', locationId: location.id, sku: variant.sku, delta: random.chance(0.65) ? -magnitude : magnitude };
}

/** A list price moved by 1 to 10%, up or down, to a price ending in 9 cents; the variant's belief updated when it is done. */
function planPriceChange(random: Random, world: World): PlannedOperation {
  const location = pickLocation(random, world.stores.length > 0 ? world.stores : world.locations);
  const variant = random.pick(world.stockedAt.get(location.id)!);
  const factor = 1 + (random.chance(0.5) ? 1 : -1) * random.int(1, 10) / 100;
  const amount = Math.max(99, Math.round((variant.price.amount * factor) / 100) * 100 - 1);
  return { kind: 'price', sku: variant.sku, price: { amount: amount === variant.price.amount ? amount + 100 : amount, currency: variant.price.currency } };
}

/** The next operation. Kinds that cannot happen in this world (no reservation open, no customers) become another. */
export function planOperation(random: Random, world: World, state: SimulationState): PlannedOperation {
  let kind = weighted(random, MIX);
  if (kind === 'pickup' || kind === 'cancellation') {
    const reservation = state.claimReservation(random);
    if (reservation) return { kind, reservation };
    kind = 'reservation';
  }
  if (kind === 'reservation' && (world.pickupStores.length === 0 || world.customerCount === 0)) kind = 'sale';
  if (kind === 'sale' && world.stores.length === 0) kind = 'restock';
  switch (kind) {
    case 'sale':
      return planSale(random, world, state);
    case 'reservation':
      return planReservation(random, world, state);
    case 'restock':
      return planDelivery(random, world, state);
    case 'price':
      return planPriceChange(random, world);
    default:
      return planCount(random, world);
  }
}
