/** The customer subgraph alone: 400 customers and about 1,600 orders, enough for pages of 50 customers. */
import { customerSubgraph } from '../../subgraphs/customer/index.js';
import type { CustomerDatabase } from '../../subgraphs/customer/tables.js';
import { orders, type OrderSeed } from '../../subgraphs/shared/universe-orders.js';
import { seedSize, type SeedSize } from '../../subgraphs/shared/universe.js';
import { startTestSubgraph, type GraphQLBody, type TestSubgraph } from '../support/subgraph.js';

export { errorCodes, type GraphQLBody } from '../support/subgraph.js';

export const SEED_SCALE = 0.02;
export const SIZE: SeedSize = seedSize(SEED_SCALE);
/** The order history the subgraph was seeded with, to pick fixtures from. */
export const ORDERS: readonly OrderSeed[] = orders(SIZE);

export interface TestCustomerSubgraph extends TestSubgraph {
  /** Resolves federation representations, as the gateway does, selecting `selection` on each entity. */
  entities<TData = any>(representations: readonly Record<string, unknown>[], selection: string): Promise<GraphQLBody<{ _entities: TData[] }>>;
  /** Every row of every table, to prove that a refused mutation changed nothing. */
  snapshot(): Promise<Record<keyof CustomerDatabase, unknown[]>>;
}

const TABLES: Record<keyof CustomerDatabase, string[]> = {
  customers: ['id'],
  addresses: ['customer_id', 'position'],
  orders: ['id'],
  order_lines: ['order_id', 'position'],
  wishlist_items: ['customer_id', 'sku'],
  support_tickets: ['id'],
};

export async function startCustomerSubgraph(): Promise<TestCustomerSubgraph> {
  const base = await startTestSubgraph(customerSubgraph, SEED_SCALE);
  return {
    ...base,
    entities(representations, selection) {
      return base.query(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`, {
        representations,
      });
    },
    async snapshot() {
      const store = await base.openStore<CustomerDatabase>();
      try {
        const entries = await Promise.all(
          (Object.keys(TABLES) as (keyof CustomerDatabase)[]).map(async (table) => {
            let query = store.db.selectFrom(table).selectAll();
            for (const column of TABLES[table]) query = query.orderBy(column as never);
            return [table, await query.execute()] as const;
          }),
        );
        return Object.fromEntries(entries) as Record<keyof CustomerDatabase, unknown[]>;
      } finally {
        await store.close();
      }
    },
  };
}
