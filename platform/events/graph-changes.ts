/**
 * What a subgraph announces after a commit that changed what it answers, so that every cache of
 * its answers (the gateway's, gateway/cache/) drops what is no longer true. A shared contract:
 * subgraphs publish it, the gateway listens; neither needs the other's event shapes.
 *
 * Tags name entities as `<Type>:<key>`, the key being the value of the entity's single `@key` field
 * (`Variant:SKU-000001-1`, `Product:P-000001`, `Location:store-01`, `Promotion:PROMO-01`). `*`
 * stands for everything the subgraph answers (a sitewide promotion starting, say).
 */

/** Broadcast (every process) after each commit that changed a subgraph's answers. */
export const GRAPH_CHANGED_TOPIC = 'graph.changed';

/** Stands for every answer of the subgraph. */
export const EVERYTHING_TAG = '*';

export interface GraphChangedEvent {
  /** The subgraph whose answers changed (its name in the supergraph: catalog, inventory, ...). */
  subgraph: string;
  /** The entities whose answers changed. */
  tags: string[];
  /**
   * True when the change altered the named entities only: no entity appeared in or left any list,
   * none moved in one (a list price changed). Root fields' answers are then taken as changed only
   * when they hold one of the named entities. Absent or false: every root answer of the subgraph
   * is taken as changed (a stock movement changes the ledger's head, a review a product's list).
   */
  onlyTagged?: boolean;
}

/** The tag of one entity. */
export const entityTag = (typename: string, key: string): string => `${typename}:${key}`;
