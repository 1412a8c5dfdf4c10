import { encodeCursor, type PageRequest } from './input-rules.js';
import type { ProductConnectionModel, ProductModel } from './models.js';

/**
 * A Relay connection from a page fetched with one extra product (which only says that another
 * page follows). The total is counted lazily, when the client selects `totalCount`.
 */
export function toProductConnection(
  fetched: readonly ProductModel[],
  page: PageRequest,
  countTotal: () => Promise<number>,
): ProductConnectionModel {
  const nodes = fetched.slice(0, page.first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.n), node }));
  let total: Promise<number> | undefined;
  return {
    edges,
    pageInfo: { hasNextPage: fetched.length > page.first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => (total ??= countTotal()),
  };
}
