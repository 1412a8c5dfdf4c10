import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import { createPromotionsContext, type PromotionsContext } from './context.js';
import { migrations } from './migrations.js';
import { resolvers } from './resolvers.js';
import { startListPriceUpdates } from './list-price-updates.js';
import { startPromotionSchedule } from './promotion-schedule.js';
import { seedPromotions } from './seed.js';
import type { PromotionsDatabase } from './tables.js';

export interface PromotionsOptions {
  /** The clock that decides which promotions are active. @default the real clock */
  now?: () => Date;
}

/** The promotions subgraph; tests pin the clock with `now`. */
export function createPromotionsSubgraph(options: PromotionsOptions = {}): SubgraphDefinition<PromotionsDatabase, PromotionsContext> {
  const now = options.now ?? (() => new Date());
  return {
    name: 'promotions',
    migrations,
    isEmpty: async (db) => (await db.selectFrom('promotions').select('id').limit(1).executeTakeFirst()) === undefined,
    seed: seedPromotions,
    createContext: (db, services, principal) => createPromotionsContext(db, services.events, now().getTime(), principal, services.audit),
    resolvers,
    // Every change is announced, a promotion's own start and end at their instants (promotion-schedule.ts): five minutes at most (a safety net: the announcements keep answers true).
    cacheMaxAgeSeconds: 300,
    async start(db, services) {
      const stopSchedule = await startPromotionSchedule(db, services.events, { now });
      const stopListPrices = await startListPriceUpdates(db, services.events);
      return async () => {
        await stopListPrices();
        await stopSchedule();
      };
    },
  };
}

export const promotionsSubgraph = createPromotionsSubgraph();
