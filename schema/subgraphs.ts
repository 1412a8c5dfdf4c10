import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, type DocumentNode } from 'graphql';

/** The five subgraphs, in the order of their default ports (4001...). */
export const SUBGRAPH_NAMES = ['catalog', 'inventory', 'customer', 'promotions', 'reviews'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const DEFAULT_SUBGRAPH_PORTS: Record<SubgraphName, number> = {
  catalog: 4001,
  inventory: 4002,
  customer: 4003,
  promotions: 4004,
  reviews: 4005,
};

export function isSubgraphName(name: string): name is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(name);
}

// The SDL files live in the project's schema/ folder, beside this module's source; compiled, this
// module runs from dist/schema/, and the files stay where `npm run compose` writes them.
const SCHEMA_FOLDER = new URL(/\/dist\/schema\/[^/]+$/.test(import.meta.url) ? '../../schema/' : './', import.meta.url);

export function schemaPath(file: string): string {
  return fileURLToPath(new URL(`./${file}`, SCHEMA_FOLDER));
}

export function readSubgraphSdl(name: SubgraphName): string {
  return readFileSync(schemaPath(`${name}.graphql`), 'utf8');
}

export function readSubgraphDocument(name: SubgraphName): DocumentNode {
  return parse(readSubgraphSdl(name));
}

export const SUPERGRAPH_PATH = schemaPath('supergraph.graphql');
