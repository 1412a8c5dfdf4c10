import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { Source, getLocation, lexicographicSortSchema, parse, printSchema, type DocumentNode, type GraphQLError } from 'graphql';
import { PUBLIC_CONTRACT, applyContract, decideContract, type ContractFilter } from './contract.js';
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES, SUPERGRAPH_PATH, readSubgraphSdl, schemaPath, type SubgraphName } from './subgraphs.js';

/** The partners' contract supergraph: the supergraph with every non-public element `@inaccessible`. */
export const PUBLIC_SUPERGRAPH_PATH = schemaPath('public-supergraph.graphql');
/** The public schema partners get: the API schema of the contract supergraph. */
export const PUBLIC_SCHEMA_PATH = schemaPath('public.graphql');

export type CompositionOutcome = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };
export type ContractOutcome = { ok: true; supergraphSdl: string; apiSchemaSdl: string } | { ok: false; errors: string[] };
type SdlOverrides = Partial<Record<SubgraphName, string>>;

function describe(error: GraphQLError): string {
  const where = (error.nodes ?? []).flatMap((node) => {
    if (!node.loc) return [];
    const { line, column } = getLocation(node.loc.source, node.loc.start);
    return [`${node.loc.source.name}:${line}:${column}`];
  });
  const code = (error.extensions?.code as string | undefined) ?? 'COMPOSITION_ERROR';
  return `[${code}] ${error.message}${where.length ? `\n    at ${where.join(', ')}` : ''}`;
}

/**
 * Composes the five subgraph SDLs of schema/ into the supergraph SDL; `sdlOverrides` replaces
 * some of them (to try a change before writing it).
 */
export function composeSupergraph(sdlOverrides: SdlOverrides = {}): CompositionOutcome {
  const parsed = parseSubgraphs(sdlOverrides);
  if (!parsed.ok) return parsed;
  const result = composeServices(services(parsed.documents));
  if (result.errors) return { ok: false, errors: result.errors.map(describe) };
  return { ok: true, supergraphSdl: result.supergraphSdl };
}

/**
 * Composes the partners' contract: the same subgraphs with every element outside `filter` made
 * `@inaccessible` (see schema/contract.ts). Returns the contract supergraph, which the gateway
 * serves on /public/graphql, and its API schema, the public schema partners get, printed in
 * alphabetical order so that a reordering of the SDL files never shows as a change.
 */
export function composeContract(sdlOverrides: SdlOverrides = {}, filter: ContractFilter = PUBLIC_CONTRACT): ContractOutcome {
  const parsed = parseSubgraphs(sdlOverrides);
  if (!parsed.ok) return parsed;
  const decision = decideContract(Object.values(parsed.documents), filter);
  const contract = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, applyContract(parsed.documents[name], decision)]),
  ) as Record<SubgraphName, DocumentNode>;
  const result = composeServices(services(contract));
  if (result.errors) {
    return { ok: false, errors: result.errors.map((error) => `${describe(error)}\n    (in the public contract)`) };
  }
  const apiSchema = lexicographicSortSchema(result.schema.toAPISchema().toGraphQLJSSchema());
  return { ok: true, supergraphSdl: result.supergraphSdl, apiSchemaSdl: `${printSchema(apiSchema)}\n` };
}

function parseSubgraphs(
  sdlOverrides: SdlOverrides,
): { ok: true; documents: Record<SubgraphName, DocumentNode> } | { ok: false; errors: string[] } {
  try {
    const documents = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [
      name,
      // The source is named after its file so that every error points at schema/<name>.graphql.
      parse(new Source(sdlOverrides[name] ?? readSubgraphSdl(name), `schema/${name}.graphql`)),
    ])) as Record<SubgraphName, DocumentNode>;
    return { ok: true, documents };
  } catch (error) {
    // A syntax error: graphql-js already names the file, line and column.
    return { ok: false, errors: [`[GRAPHQL_PARSE_FAILED] ${String(error)}`] };
  }
}

function services(documents: Record<SubgraphName, DocumentNode>) {
  return SUBGRAPH_NAMES.map((name) => ({
    name,
    url: `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`,
    typeDefs: documents[name],
  }));
}

function failed(what: string, errors: string[]): never {
  console.error(`Composition of ${what} failed with ${errors.length} error(s):`);
  for (const e of errors) console.error(`  ${e}`);
  process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outcome = composeSupergraph();
  if (!outcome.ok) failed('the supergraph', outcome.errors);
  const contract = composeContract();
  // Nothing is written unless both compose: the public files never describe another graph than the supergraph.
  if (!contract.ok) failed('the public contract', contract.errors);
  writeFileSync(SUPERGRAPH_PATH, outcome.supergraphSdl);
  writeFileSync(PUBLIC_SUPERGRAPH_PATH, contract.supergraphSdl);
  writeFileSync(PUBLIC_SCHEMA_PATH, contract.apiSchemaSdl);
  for (const path of [SUPERGRAPH_PATH, PUBLIC_SUPERGRAPH_PATH, PUBLIC_SCHEMA_PATH]) console.log(`Wrote ${path}`);
}
