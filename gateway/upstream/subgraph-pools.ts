/**
 * One undici keep-alive connection pool per subgraph origin, shared by the GraphQL data sources and
 * the readiness checks, and closed together when the gateway stops.
 */
import { Pool } from 'undici';

export interface SubgraphPools {
  /** The pool of the URL's origin, created on first use. */
  poolFor(url: string | URL): Pool;
  /** Lets requests in flight finish, then closes every connection. */
  close(): Promise<void>;
}

export interface SubgraphPoolOptions {
  /**
   * Sockets per subgraph. Bounded so that a burst queues in the pool (inside the request deadline)
   * instead of opening thousands of sockets against one subgraph.
   * @default 128
   */
  connections?: number;
}

export function createSubgraphPools({ connections = 128 }: SubgraphPoolOptions = {}): SubgraphPools {
  // Keyed by origin, not by subgraph name: a reload that points a subgraph elsewhere gets a new pool
  // while requests still running on the old plan keep theirs.
  const pools = new Map<string, Pool>();
  return {
    poolFor(url) {
      const { origin } = typeof url === 'string' ? new URL(url) : url;
      let pool = pools.get(origin);
      if (!pool) {
        pool = new Pool(origin, { connections });
        pools.set(origin, pool);
      }
      return pool;
    },
    async close() {
      const closing = [...pools.values()].map((pool) => pool.close());
      pools.clear();
      await Promise.all(closing);
    },
  };
}
