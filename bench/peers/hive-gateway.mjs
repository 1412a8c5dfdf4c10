/**
 * Hive Gateway (@graphql-hive/gateway-runtime, the core the `hive-gateway` CLI serves) with the Hive
 * Router runtime (@graphql-hive/router-runtime: Hive Router's Rust query planner and its purpose-built
 * executor), one process, on the supergraph at PEER_SUPERGRAPH_PATH, listening on PORT. In-flight
 * deduplication of identical subgraph requests is off, as it is for every gateway the bench measures.
 * Prints `{"url": …}` when it listens.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';

const port = Number(process.env.PORT ?? 4413);
const gateway = createGatewayRuntime({
  supergraph: () => readFileSync(process.env.PEER_SUPERGRAPH_PATH ?? '', 'utf8'),
  unifiedGraphHandler,
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  logging: 'error',
  graphqlEndpoint: '/graphql',
  landingPage: false,
});
const server = createServer(gateway);
server.listen(port, '127.0.0.1', () => console.log(JSON.stringify({ url: `http://127.0.0.1:${port}/graphql` })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
