/** Benchmark helper: the five subgraphs on free ports; prints their URLs as one JSON line. */
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { startSubgraphByName } from '../subgraphs/registry.js';
import { createEventBus } from '../platform/events/create-event-bus.js';
import { loadSubgraphRuntimeConfig, requireInternalTokenSecret } from '../subgraphs/shared/runtime-config.js';

// bench/run.ts gives the same INTERNAL_TOKEN_SECRET to these subgraphs and to both gateways.
const options = requireInternalTokenSecret(loadSubgraphRuntimeConfig());
// One bus for the process, as in `npm start`: a sale reaches the customer subgraph beside it.
const events = await createEventBus({ redisUrl: options.redisUrl, channelPrefix: options.eventChannelPrefix ?? 'omnichannel:' });
const urls: Record<string, string> = {};
for (const name of SUBGRAPH_NAMES) {
  urls[name] = (await startSubgraphByName(name, { ...options, port: 0, events })).url;
}
console.log(JSON.stringify({ urls }));
