/** Benchmark helper: the five subgraphs on free ports; prints their URLs as one JSON line. */
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { startSubgraphByName } from '../subgraphs/registry.js';
import { loadSubgraphRuntimeConfig } from '../subgraphs/shared/runtime-config.js';

const options = loadSubgraphRuntimeConfig();
const urls: Record<string, string> = {};
for (const name of SUBGRAPH_NAMES) {
  urls[name] = (await startSubgraphByName(name, { ...options, port: 0 })).url;
}
console.log(JSON.stringify({ urls }));
