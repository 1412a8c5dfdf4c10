import type { SubgraphName } from '../schema/subgraphs.js';
import { catalogSubgraph } from './catalog/index.js';
import { customerSubgraph } from './customer/index.js';
import { inventorySubgraph } from './inventory/index.js';
import { promotionsSubgraph } from './promotions/index.js';
import { reviewsSubgraph } from './reviews/index.js';
import { startSubgraph, type RunningSubgraph, type SubgraphRuntimeOptions } from './shared/subgraph-server.js';

/** Starts one subgraph by name; the switch keeps each definition's own DB and context types. */
export function startSubgraphByName(name: SubgraphName, options: SubgraphRuntimeOptions): Promise<RunningSubgraph> {
  switch (name) {
    case 'catalog':
      return startSubgraph(catalogSubgraph, options);
    case 'inventory':
      return startSubgraph(inventorySubgraph, options);
    case 'customer':
      return startSubgraph(customerSubgraph, options);
    case 'promotions':
      return startSubgraph(promotionsSubgraph, options);
    case 'reviews':
      return startSubgraph(reviewsSubgraph, options);
  }
}
