/** Starts one subgraph alone: `npm run start:subgraph -- <name>` (PORT overrides its default port). */
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES, isSubgraphName } from '../schema/subgraphs.js';
import { startSubgraphByName } from './registry.js';
import { loadSubgraphRuntimeConfig, requireInternalTokenSecret } from './shared/runtime-config.js';
import { startTracing } from '../platform/tracing.js';

const name = process.argv[2] ?? '';
if (!isSubgraphName(name)) {
  console.error(`Usage: npm run start:subgraph -- <${SUBGRAPH_NAMES.join('|')}>`);
  process.exit(2);
}
const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_SUBGRAPH_PORTS[name];
let config: ReturnType<typeof requireInternalTokenSecret>;
try {
  config = requireInternalTokenSecret(loadSubgraphRuntimeConfig());
} catch (error) {
  // An operator's mistake: one line naming the variable, no stack.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
// Traces go out over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (platform/tracing.ts).
const tracing = startTracing(`omnichannel-${name}`);
const subgraph = await startSubgraphByName(name, { ...config, port, logger: true });
console.log(`${name} subgraph (${subgraph.engine}) at ${subgraph.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void subgraph
      .close()
      .then(() => tracing?.shutdown())
      .finally(() => process.exit(0));
  });
}
