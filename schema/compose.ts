import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { Source, getLocation, parse, type GraphQLError } from 'graphql';
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES, SUPERGRAPH_PATH, readSubgraphSdl, type SubgraphName } from './subgraphs.js';

export type CompositionOutcome = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

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
export function composeSupergraph(sdlOverrides: Partial<Record<SubgraphName, string>> = {}): CompositionOutcome {
  let services;
  try {
    services = SUBGRAPH_NAMES.map((name) => ({
      name,
      url: `http://localhost:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`,
      // The source is named after its file so that every error points at schema/<name>.graphql.
      typeDefs: parse(new Source(sdlOverrides[name] ?? readSubgraphSdl(name), `schema/${name}.graphql`)),
    }));
  } catch (error) {
    // A syntax error: graphql-js already names the file, line and column.
    return { ok: false, errors: [`[GRAPHQL_PARSE_FAILED] ${String(error)}`] };
  }
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map(describe) };
  return { ok: true, supergraphSdl: result.supergraphSdl };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outcome = composeSupergraph();
  if (!outcome.ok) {
    console.error(`Composition failed with ${outcome.errors.length} error(s):`);
    for (const e of outcome.errors) console.error(`  ${e}`);
    process.exit(1);
  }
  writeFileSync(SUPERGRAPH_PATH, outcome.supergraphSdl);
  console.log(`Wrote ${SUPERGRAPH_PATH}`);
}
