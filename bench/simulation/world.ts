/**
 * What the simulator learns from the graph before it sends traffic: the locations, a sample of the
 * catalogue with prices and stock, and how many demo customers exist. Everything comes through
 * the gateway, as it would for any client, so the simulator fits whatever seed scale is running.
 */
import { customerId } from '../../subgraphs/shared/universe.js';
import type { GatewayClient } from './gateway-client.js';

export interface SimLocation {
  id: string;
  name: string;
  kind: 'STORE' | 'WAREHOUSE';
  pickupEnabled: boolean;
}

export interface SimVariant {
  sku: string;
  productName: string;
  /** List price in minor units: what a till charges a named customer. */
  price: { amount: number; currency: string };
}

export interface World {
  locations: SimLocation[];
  stores: SimLocation[];
  pickupStores: SimLocation[];
  warehouses: SimLocation[];
  /** The variants each location stocks (a sale or count elsewhere would be refused). */
  stockedAt: Map<string, SimVariant[]>;
  /** Units available per `stockKey(sku, locationId)` when the simulation started. */
  initialAvailable: Map<string, number>;
  /** Demo customers are cust-00001..cust-<customerCount>; 0 when none could be found. */
  customerCount: number;
  /** Why customers could not be counted (the customer subgraph is down...); the run goes on without them. */
  customerLookupError?: string;
}

export const stockKey = (sku: string, locationId: string) => `${sku}@${locationId}`;

/** Products sampled: the most a page of `products` gives, plenty of skus for a lively demo. */
const SAMPLED_PRODUCTS = 100;

const WORLD_QUERY = /* GraphQL */ `
  query SimulatorWorld($first: Int!) {
    locations(first: 100) { id name kind pickupEnabled }
    products(first: $first) {
      edges { node { name variants { sku price { amount currency } stock { location { id } available } } } }
    }
  }
`;

const CUSTOMER_PROBE = /* GraphQL */ `
  query SimulatorCustomerProbe($id: ID!) { customer(id: $id) { id } }
`;

interface WorldData {
  locations: SimLocation[];
  products: {
    edges: {
      node: {
        name: string;
        variants: { sku: string; price: SimVariant['price']; stock: { location: { id: string }; available: number }[] }[];
      };
    }[];
  };
}

/**
 * Throws a GatewayCallError when the gateway cannot answer the discovery query. `token`: a
 * principal that may read customers (the call center), to count them; without one, or with one
 * that may not, the world has no customers.
 */
export async function discoverWorld(client: GatewayClient, token?: string): Promise<World> {
  const data = await client.execute<WorldData>(WORLD_QUERY, { first: SAMPLED_PRODUCTS }, token);
  const stockedAt = new Map<string, SimVariant[]>(data.locations.map((l) => [l.id, []]));
  const initialAvailable = new Map<string, number>();
  for (const { node: product } of data.products.edges) {
    for (const variant of product.variants) {
      const simVariant: SimVariant = { sku: variant.sku, productName: product.name, price: variant.price };
      for (const level of variant.stock) {
        stockedAt.get(level.location.id)?.push(simVariant);
        initialAvailable.set(stockKey(variant.sku, level.location.id), level.available);
      }
    }
  }
  // A location that stocks none of the sample cannot take part.
  const locations = data.locations.filter((l) => (stockedAt.get(l.id)?.length ?? 0) > 0);
  const stores = locations.filter((l) => l.kind === 'STORE');
  let customerCount = 0;
  let customerLookupError: string | undefined;
  try {
    customerCount = await countCustomers(client, token);
  } catch (error) {
    customerLookupError = error instanceof Error ? error.message : String(error);
  }
  return {
    locations,
    stores,
    pickupStores: stores.filter((l) => l.pickupEnabled),
    warehouses: locations.filter((l) => l.kind === 'WAREHOUSE'),
    stockedAt,
    initialAvailable,
    customerCount,
    ...(customerLookupError === undefined ? {} : { customerLookupError }),
  };
}

/**
 * Demo customer ids are consecutive from cust-00001, so the count is the highest id that exists:
 * doubling then bisection finds it in about 2·log2(n) tiny lookups.
 */
export async function countCustomers(client: GatewayClient, token?: string): Promise<number> {
  const exists = async (n: number) =>
    (await client.execute<{ customer: { id: string } | null }>(CUSTOMER_PROBE, { id: customerId(n) }, token)).customer !== null;
  if (!(await exists(1))) return 0;
  let known = 1;
  let missing = 2;
  while (await exists(missing)) {
    known = missing;
    missing *= 2;
    if (missing > 10_000_000) return known;
  }
  while (missing - known > 1) {
    const middle = Math.floor((known + missing) / 2);
    if (await exists(middle)) known = middle;
    else missing = middle;
  }
  return known;
}
