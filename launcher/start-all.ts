/** `npm start`: the whole supergraph in one process on the embedded default, seeded on first start. */
import { join } from 'node:path';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { loadSubgraphRuntimeConfig } from '../subgraphs/shared/runtime-config.js';
import { startAllInOne } from './all-in-one.js';
import { startTracing } from '../platform/tracing.js';
import { ensureStoreAppBuilt } from './ensure-store-app.js';

const firstSubgraphPort = process.env.SUBGRAPH_PORT ? Number(process.env.SUBGRAPH_PORT) : undefined;
if (firstSubgraphPort !== undefined && !(Number.isInteger(firstSubgraphPort) && firstSubgraphPort > 0 && firstSubgraphPort < 65531)) {
  console.error(`Invalid configuration SUBGRAPH_PORT: a port for catalog, the four others following it; got "${process.env.SUBGRAPH_PORT}"`);
  process.exit(2);
}
const started = Date.now();
console.log('Starting the omnichannel supergraph (first start seeds the demo data)...');
// One process, every part: traces go out over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
const tracing = startTracing('omnichannel-supergraph');
// The audit trail in its own file unless AUDIT_LOG says otherwise: the terminal shows the logs.
let subgraphConfig: ReturnType<typeof loadSubgraphRuntimeConfig>;
try {
  subgraphConfig = loadSubgraphRuntimeConfig();
} catch (error) {
  console.error(`The supergraph did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
process.env.AUDIT_LOG ||= join(subgraphConfig.dataDir, 'audit.log');
await ensureStoreAppBuilt();
const graph = await Promise.resolve()
  .then(() =>
    startAllInOne({
      subgraph: subgraphConfig,
      gatewayEnv: process.env,
      ephemeralPorts: false,
      ...(firstSubgraphPort ? { firstSubgraphPort } : {}),
    }),
  )
  .catch((error: unknown) => {
    // Bad options, a port in use, an unreachable database: one line a person can act on.
    console.error(`The supergraph did not start: ${error instanceof Error ? error.message : String(error)}`);
    return process.exit(1);
  });
for (const name of SUBGRAPH_NAMES) {
  console.log(`  ${name.padEnd(10)} ${graph.subgraphs[name].url} (${graph.subgraphs[name].engine})`);
}
console.log(`  gateway    ${graph.gatewayUrl}  (GraphiQL: open it in a browser; WebSocket and SSE subscriptions on the same path)`);
console.log(`  store      ${new URL('/store', graph.gatewayUrl).href}  (the store screen: live stock, pick-ups, the customer in front of you)`);
if (graph.gateway.partners) {
  console.log(`  partners   ${new URL('/public/graphql', graph.gatewayUrl).href}  (needs x-api-key: npm run partner:add -- NAME)`);
}
console.log(`  audit      ${process.env.AUDIT_LOG} (AUDIT_LOG: stdout, stderr or a file)`);
console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`${signal}: closing...`);
    void graph
      .close()
      .then(() => tracing?.shutdown())
      .finally(() => process.exit(0));
  });
}
